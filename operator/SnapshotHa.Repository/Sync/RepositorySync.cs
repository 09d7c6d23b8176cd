using System.Collections.Concurrent;
using SnapshotHa.Repository.Indexing;
using SnapshotHa.Repository.Manifests;
using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Sync;

/// <summary>
/// Copies images to a secondary repository: for each image the target lacks, every referenced object the target
/// lacks (checked on arrival; by default gathered into packs of <see cref="PackSize"/> bytes, each pack uploaded
/// before its index, else one loose file per object), then the manifest, so a sync stopped at any point never shows an incomplete image and
/// a re-run copies only what is still missing. Objects go bottom-up (chunks, then leaf pages, then each level above,
/// each level only after the one below completed), so a page present at the target implies its whole subtree is, and
/// shared subtrees are not walked again.
/// </summary>
public sealed class RepositorySync(ImageRepository repository, ISyncTarget target)
{
    private const string ObjectsPrefix = ObjectStore.DirectoryName + "/";
    private const string ImagesPrefix = ManifestStore.DirectoryName + "/";

    /// <summary>Gets or sets the number of concurrent uploads (of loose objects).</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>
    /// Gets or sets whether objects are sent as packs (default; one upload per pack instead of per object) rather than
    /// as loose files. Either way the target stays a valid repository, and objects the target holds in either form
    /// are not sent again.
    /// </summary>
    public bool UsePacks { get; init; } = true;

    /// <summary>Gets or sets the largest pack a sync uploads (default 32 MiB; one pack is held in memory).</summary>
    public int PackSize { get; init; } = 32 << 20;

    /// <summary>Syncs image <paramref name="imageId"/>, or every image when null, oldest first.</summary>
    /// <exception cref="InvalidDataException">A local object is missing or corrupt (nothing corrupt is copied).</exception>
    /// <exception cref="IOException">An object did not arrive intact.</exception>
    public async Task<SyncReport> SyncAsync(string? imageId, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(target);
        var images = imageId is null ? repository.ListImages() : [repository.GetImage(imageId)];
        var presentObjects = new ConcurrentDictionary<string, bool>(
            (await target.ListAsync(ObjectsPrefix, cancellationToken)).Select(k => KeyValuePair.Create(k, true)), StringComparer.Ordinal);
        var usePacks = UsePacks;
        try
        {
            foreach (var hash in usePacks ? await SyncPackBuilder.ListTargetObjectsAsync(target, cancellationToken) : [])
            {
                presentObjects.TryAdd(KeyOf(hash), true);
            }
        }
        catch (NotSupportedException)
        {
            usePacks = false; // the target cannot tell which packed objects it holds: send loose files
        }

        var presentImages = await target.ListAsync(ImagesPrefix, cancellationToken);
        var formatKey = ImageRepository.FormatFileName;
        if (!(await target.ListAsync(formatKey, cancellationToken)).Contains(formatKey))
        {
            await target.PutAsync(formatKey, await File.ReadAllBytesAsync(Path.Combine(repository.Root, formatKey), cancellationToken), cancellationToken);
        }

        int imagesCopied = 0, imagesPresent = 0;
        long objectsCopied = 0, objectsPresent = 0, bytes = 0;
        foreach (var image in images)
        {
            var manifestKey = ImagesPrefix + image.Id + ".json";
            if (presentImages.Contains(manifestKey))
            {
                imagesPresent++;
                continue;
            }

            var missing = new SortedDictionary<int, List<(ContentHash Hash, int MaxLength)>>();
            foreach (var disk in image.Disks)
            {
                var geometry = new IndexGeometry(disk.Capacity, image.ChunkSize, image.IndexFanOut);
                var pageSize = IndexPage.SizeOf(image.IndexFanOut);
                IndexWalker.Walk(
                    repository.Objects,
                    geometry,
                    ContentHash.Parse(disk.Root),
                    (page, level) => Need(page, level, pageSize),
                    (entries, _) =>
                    {
                        foreach (var chunk in entries)
                        {
                            if (!chunk.IsZero)
                            {
                                Need(chunk, -1, image.ChunkSize);
                            }
                        }
                    },
                    cancellationToken);
            }

            if (usePacks)
            {
                // Bottom-up across packs too: chunks first, then each level of pages, so a visible pack never holds
                // a page whose subtree is still to come.
                using var packs = new SyncPackBuilder(target, PackSize);
                foreach (var item in missing.Values.SelectMany(level => level))
                {
                    await packs.AddAsync(item.Hash, repository.Objects.ReadVerifiedFile(item.Hash, item.MaxLength), cancellationToken);
                    objectsCopied++;
                }

                await packs.FlushAsync(cancellationToken);
                bytes += packs.BytesUploaded;
            }

            foreach (var level in usePacks ? Enumerable.Empty<List<(ContentHash Hash, int MaxLength)>>() : missing.Values)
            {
                await Parallel.ForEachAsync(
                    level,
                    new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                    async (item, ct) =>
                    {
                        var encoded = repository.Objects.ReadVerifiedFile(item.Hash, item.MaxLength);
                        await target.PutAsync(KeyOf(item.Hash), encoded, ct);
                        Interlocked.Increment(ref objectsCopied);
                        Interlocked.Add(ref bytes, encoded.Length);
                    });
            }

            var manifest = ManifestStore.Serialize(image);
            await target.PutAsync(manifestKey, manifest, cancellationToken);
            bytes += manifest.Length;
            imagesCopied++;
            progress?.Report($"Synced image {image.Id} ({missing.Values.Sum(l => l.Count)} objects) to {target.Name}");

            bool Need(ContentHash hash, int level, int maxLength)
            {
                if (!presentObjects.TryAdd(KeyOf(hash), true))
                {
                    objectsPresent++;
                    return false; // present pages have their whole subtree (bottom-up order)
                }

                if (!missing.TryGetValue(level, out var list))
                {
                    missing[level] = list = [];
                }

                list.Add((hash, maxLength));
                return true;
            }
        }

        return new SyncReport(imagesCopied, imagesPresent, objectsCopied, objectsPresent, bytes);
    }

    private static string KeyOf(ContentHash hash)
    {
        var hex = hash.ToString();
        return $"{ObjectsPrefix}{hex[..2]}/{hex}";
    }
}
