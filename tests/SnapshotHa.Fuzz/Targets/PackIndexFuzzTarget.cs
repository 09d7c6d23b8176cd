using SnapshotHa.Repository.Packs;
using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Fuzz.Targets;

/// <summary>
/// Parses a pack index; an accepted index must find each of its entries by lookup, and serializing its entries again
/// must give the same bytes.
/// </summary>
public sealed class PackIndexFuzzTarget : IFuzzTarget
{
    /// <inheritdoc />
    public string Name => "packindex";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        IReadOnlyList<PackIndexEntry> entries;
        long packLength;
        try
        {
            packLength = PackIndexFile.ReadHeader(input, "fuzz.idx").PackLength;
            entries = PackIndexFile.Parse(input, "fuzz.idx");
        }
        catch (InvalidDataException)
        {
            return;
        }

        foreach (var entry in entries)
        {
            if (!PackIndexFile.TryFind(input, entry.Hash, out var found) || found != entry)
            {
                throw new InvalidOperationException($"Entry {entry.Hash} of an accepted index is not found by lookup.");
            }
        }

        if (!PackIndexFile.Write(entries, packLength).AsSpan().SequenceEqual(input))
        {
            throw new InvalidOperationException("An accepted index does not serialize back to its bytes.");
        }
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, byte[]> Seeds()
    {
        var hashes = Enumerable.Range(0, 5).Select(i => ContentHash.Compute([(byte)i])).ToArray();
        var offset = (long)PackFile.HeaderSize;
        var entries = hashes.Select((h, i) => new PackIndexEntry(h, offset += 100 * i, 40 + i)).ToArray();
        return new Dictionary<string, byte[]>
        {
            ["empty.idx"] = PackIndexFile.Write([], PackFile.HeaderSize),
            ["five.idx"] = PackIndexFile.Write(entries, 4096),
        };
    }
}
