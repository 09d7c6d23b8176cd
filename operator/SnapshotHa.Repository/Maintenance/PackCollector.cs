using System.Buffers;
using SnapshotHa.Repository.Packs;
using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Maintenance;

/// <summary>
/// The pack half of garbage collection: deletes committed packs none of whose objects is referenced, rewrites
/// sparse packs (fewer than half of their bytes referenced) into a new pack of their live objects, and removes
/// leftovers of crashed writers (temporary packs, packs without an index). Packs and leftovers younger than the
/// grace period are never touched, so the objects of a merge in flight or about to be re-run survive; the caller
/// holds the repository lock, so no merge runs concurrently. Order keeps the repository valid at every step: a
/// rewritten pack is committed (fsync, index) before the pack it replaces loses its index, and an index is deleted
/// before its pack.
/// </summary>
internal sealed class PackCollector(ObjectStore store)
{
    /// <summary>Collects packs; returns the objects dropped, bytes freed and unreferenced objects kept as young.</summary>
    public (long Deleted, long Freed, long Young) Collect(IReadOnlySet<ContentHash> marked, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(marked);
        long deleted = 0, freed = 0, young = 0;
        var packs = store.Packs;
        var replaced = new List<SealedPack>();
        var indexed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pack in packs.Sealed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            indexed.Add(pack.PackPath);
            var entries = pack.Entries();
            var live = entries.Where(e => marked.Contains(e.Hash)).ToArray();
            var dead = entries.Length - live.Length;
            if (dead == 0)
            {
                continue;
            }

            if (pack.LastWrite() > cutoff)
            {
                young += dead;
                continue;
            }

            var liveBytes = live.Sum(e => (long)e.Length);
            var deadBytes = entries.Sum(e => (long)e.Length) - liveBytes;
            if (live.Length > 0 && liveBytes >= deadBytes)
            {
                continue; // dense enough: rewriting would copy more than it frees
            }

            foreach (var entry in live)
            {
                Copy(pack, entry);
            }

            replaced.Add(pack);
            deleted += dead;
            freed += deadBytes;
        }

        if (replaced.Count > 0)
        {
            packs.Seal(); // the live objects are durable in their new pack before the old packs go
            foreach (var pack in replaced)
            {
                File.Delete(pack.IndexPath);
                File.Delete(pack.PackPath);
            }

            NativeMethods.FsyncDirectory(packs.Root);
            packs.Reload();
        }

        freed += RemoveLeftovers(packs.Root, indexed, cutoff);
        return (deleted, freed, young);
    }

    private void Copy(SealedPack pack, PackIndexEntry entry)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(entry.Length);
        try
        {
            pack.ReadEncoded(entry, buffer);
            store.Packs.Add(entry.Hash, buffer.AsSpan(0, entry.Length), []);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static long RemoveLeftovers(string root, HashSet<string> indexed, DateTimeOffset cutoff)
    {
        long freed = 0;
        if (!Directory.Exists(root))
        {
            return 0;
        }

        foreach (var file in new DirectoryInfo(root).EnumerateFiles())
        {
            var leftover = file.Name.Contains(AtomicFile.TempMarker, StringComparison.Ordinal) ||
                           (file.Extension == PackFile.PackExtension && !indexed.Contains(file.FullName) &&
                            !File.Exists(Path.ChangeExtension(file.FullName, PackFile.IndexExtension)));
            if (leftover && new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero) <= cutoff)
            {
                freed += file.Length;
                file.Delete();
            }
        }

        return freed;
    }
}
