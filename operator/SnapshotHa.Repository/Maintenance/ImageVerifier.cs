using System.Collections.Concurrent;
using SnapshotHa.Repository.Indexing;
using SnapshotHa.Repository.Manifests;
using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Maintenance;

/// <summary>Re-hashes every index page and chunk the given images reference, each distinct object once.</summary>
public sealed class ImageVerifier(ObjectStore store)
{
    /// <summary>Verifies <paramref name="images"/>; never throws for missing or corrupt objects, reports them.</summary>
    public VerifyReport Verify(IReadOnlyList<ImageManifest> images, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(images);
        var seen = new HashSet<ContentHash>();
        var problems = new ConcurrentQueue<string>();
        long pages = 0, chunks = 0;
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        foreach (var image in images)
        {
            foreach (var disk in image.Disks)
            {
                var geometry = new IndexGeometry(disk.Capacity, image.ChunkSize, image.IndexFanOut);
                var pageSize = IndexPage.SizeOf(image.IndexFanOut);
                try
                {
                    IndexWalker.Walk(store, geometry, ContentHash.Parse(disk.Root), VisitPage, VisitLeaf, cancellationToken);
                }
                catch (InvalidDataException e)
                {
                    problems.Enqueue($"Image {image.Id} disk '{disk.Key}': {e.Message}");
                }

                bool VisitPage(ContentHash page, int level)
                {
                    if (!seen.Add(page))
                    {
                        return false;
                    }

                    pages++;
                    var problem = store.Check(page, pageSize);
                    if (problem is not null)
                    {
                        problems.Enqueue($"Image {image.Id} disk '{disk.Key}' level-{level} page: {problem}");
                        return false;
                    }

                    return true;
                }

                void VisitLeaf(ContentHash[] entries, long firstChunk)
                {
                    var fresh = entries.Where(e => !e.IsZero && seen.Add(e)).ToArray();
                    chunks += fresh.Length;
                    Parallel.ForEach(fresh, parallel, chunk =>
                    {
                        var problem = store.Check(chunk, image.ChunkSize);
                        if (problem is not null)
                        {
                            problems.Enqueue($"Image {image.Id} disk '{disk.Key}' chunk near index {firstChunk}: {problem}");
                        }
                    });
                }
            }
        }

        return new VerifyReport(images.Count, pages, chunks, [.. problems]);
    }
}
