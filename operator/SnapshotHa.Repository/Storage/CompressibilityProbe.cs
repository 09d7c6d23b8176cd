namespace SnapshotHa.Repository.Storage;

/// <summary>
/// A cheap guess at whether content will shrink under zstd, made before zstd runs at all: over a sample, the byte
/// histogram (order-0 entropy: text, sparse or structured data use few distinct bytes) and repeated aligned 8-byte
/// words (what LZ matching finds in high-entropy data: a random sector or record repeated). Random, encrypted or already compressed data shows neither
/// and is stored raw without touching zstd; anything else goes on to the zstd probe. A wrong "no" only costs space
/// (the chunk is stored raw), never correctness: the encoding does not change an object's name.
/// </summary>
internal static class CompressibilityProbe
{
    /// <summary>The bytes sampled (from the start of the content).</summary>
    public const int SampleLength = 4096;

    /// <summary>
    /// The largest sum of squared byte counts a sample may have and still count as random: a uniform sample of 4096
    /// bytes gives about 4096 * 16 + 4096 = 69,632 (expected value), data with a skewed histogram far more.
    /// 80,000 is about 7.85 bits per byte of order-0 entropy, which zstd cannot turn into 31/32 of the size.
    /// </summary>
    private const int MaxSquareSum = 80_000;

    /// <summary>The most repeated words a random sample shows (its expectation is below 0.001).</summary>
    private const int MaxRepeats = 4;

    private const int TableBits = 10;

    /// <summary>Gets whether <paramref name="content"/> looks incompressible (random-looking at its start).</summary>
    public static bool LooksIncompressible(ReadOnlySpan<byte> content)
    {
        if (content.Length < SampleLength)
        {
            return false;
        }

        var sample = content[..SampleLength];
        Span<int> counts = stackalloc int[256];
        counts.Clear();
        foreach (var b in sample)
        {
            counts[b]++;
        }

        long squares = 0;
        foreach (var count in counts)
        {
            squares += count * count;
        }

        if (squares > MaxSquareSum)
        {
            return false;
        }

        // Repeated 8-byte words at 8-byte-aligned places (duplicated sectors, records, tables): a small table of
        // the words seen, by a multiplicative hash.
        Span<ulong> seen = stackalloc ulong[1 << TableBits];
        seen.Clear();
        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(sample);
        var repeats = 0;
        foreach (var word in words)
        {
            var slot = (int)((word * 0x9E3779B97F4A7C15ul) >> (64 - TableBits));
            var marked = word | 1ul; // never 0, the empty slot
            if (seen[slot] == marked && ++repeats > MaxRepeats)
            {
                return false;
            }

            seen[slot] = marked;
        }

        return true;
    }
}
