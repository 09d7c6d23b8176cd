using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Indexing;

/// <summary>Walks an index tree depth-first, skipping elided (zero) subtrees. Memory: one page per level.</summary>
public static class IndexWalker
{
    /// <summary>
    /// Visits every page of the tree rooted at <paramref name="root"/> and, below pages the visitor descends into,
    /// every leaf page's chunk references (zero references are skipped).
    /// </summary>
    /// <param name="store">The object store.</param>
    /// <param name="geometry">The tree's geometry.</param>
    /// <param name="root">The root page; zero for an all-zero disk.</param>
    /// <param name="visitPage">Called with each page and its level before it is read; return false to skip its subtree (already seen).</param>
    /// <param name="visitLeaf">Called with each leaf page's entries, its first chunk index and entry count.</param>
    /// <param name="cancellationToken">Stops the walk.</param>
    /// <exception cref="InvalidDataException">A page is missing or malformed.</exception>
    public static void Walk(
        ObjectStore store,
        IndexGeometry geometry,
        ContentHash root,
        Func<ContentHash, int, bool> visitPage,
        Action<ContentHash[], long> visitLeaf,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(visitPage);
        ArgumentNullException.ThrowIfNull(visitLeaf);
        var buffers = new ContentHash[geometry.Depth][];
        for (var level = 0; level < geometry.Depth; level++)
        {
            buffers[level] = new ContentHash[geometry.FanOut];
        }

        Visit(root, geometry.Depth - 1, 0);

        void Visit(ContentHash page, int level, long pageNumber)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (page.IsZero || !visitPage(page, level))
            {
                return;
            }

            var entries = buffers[level];
            ChunkIndexReader.Load(store, page, level, entries);
            if (level == 0)
            {
                visitLeaf(entries, pageNumber * geometry.FanOut);
                return;
            }

            for (var i = 0; i < entries.Length; i++)
            {
                Visit(entries[i], level - 1, (pageNumber * geometry.FanOut) + i);
            }
        }
    }
}
