using SnapshotHa.Repository.Indexing;
using SnapshotHa.Repository.Manifests;
using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Maintenance;

/// <summary>
/// Mark-and-sweep collection of objects no committed image references: loose object files, and packs (see
/// <see cref="PackCollector"/>: unreferenced packs deleted, sparse ones rewritten). Callers hold the repository lock, so no merge
/// runs concurrently; objects younger than the grace period are kept anyway, so the objects of a merge that crashed
/// (and will be re-run) or of a writer that does not take the lock survive.
/// </summary>
public sealed class GarbageCollector(ObjectStore store, TimeProvider timeProvider)
{
    /// <summary>Deletes unreferenced objects older than <paramref name="gracePeriod"/>.</summary>
    /// <exception cref="InvalidDataException">A referenced page is missing or corrupt (nothing is deleted then).</exception>
    public GarbageReport Collect(IReadOnlyList<ImageManifest> images, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(images);
        var marked = new HashSet<ContentHash>();
        foreach (var image in images)
        {
            foreach (var disk in image.Disks)
            {
                var geometry = new IndexGeometry(disk.Capacity, image.ChunkSize, image.IndexFanOut);
                IndexWalker.Walk(
                    store,
                    geometry,
                    ContentHash.Parse(disk.Root),
                    (page, _) => marked.Add(page),
                    (entries, _) =>
                    {
                        foreach (var chunk in entries)
                        {
                            if (!chunk.IsZero)
                            {
                                marked.Add(chunk);
                            }
                        }
                    },
                    cancellationToken);
            }
        }

        var cutoff = timeProvider.GetUtcNow() - gracePeriod;
        var (deleted, freed, young) = new PackCollector(store).Collect(marked, cutoff, cancellationToken);
        foreach (var stored in store.Enumerate().Where(o => o.Path.StartsWith(store.Root, StringComparison.Ordinal)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!stored.Hash.IsZero && marked.Contains(stored.Hash))
            {
                continue;
            }

            if (stored.LastWrite > cutoff)
            {
                young++;
                continue;
            }

            File.Delete(stored.Path);
            deleted++;
            freed += stored.Length;
        }

        return new GarbageReport(marked.Count, deleted, freed, young);
    }
}
