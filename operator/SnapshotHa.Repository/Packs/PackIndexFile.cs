using System.Buffers.Binary;
using System.Security.Cryptography;
using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Packs;

/// <summary>
/// The binary form of a pack's index (<c>packs/NAME.idx</c>): a 24-byte header (magic <c>SHPI</c>, u8 version 1,
/// three zero bytes, u64 LE length of the pack file, u32 LE entry count, u32 zero), a fan-out table of 256 u32 LE
/// cumulative counts (entries whose hash's first byte is at most i), the entries sorted by hash (32-byte hash, u64 LE
/// offset, u32 LE length: 44 bytes each), and the SHA-256 of everything before it. A lookup reads the fan-out slot and
/// binary-searches one bucket, so a memory-mapped index is only touched where a lookup lands.
/// </summary>
public static class PackIndexFile
{
    /// <summary>The header length in bytes.</summary>
    public const int HeaderSize = 24;

    /// <summary>The byte length of one entry.</summary>
    public const int EntrySize = ContentHash.Size + 12;

    /// <summary>The byte length of the fan-out table.</summary>
    public const int FanOutSize = 256 * 4;

    /// <summary>The byte length of the trailing checksum.</summary>
    public const int TrailerSize = 32;

    /// <summary>The most entries an index may declare (a 1 TiB pack of 4 KiB objects).</summary>
    public const int MaxEntries = 1 << 28;

    private static ReadOnlySpan<byte> Magic => "SHPI"u8;

    /// <summary>Gets the byte length of an index of <paramref name="count"/> entries.</summary>
    public static long SizeOf(long count) => HeaderSize + FanOutSize + (count * EntrySize) + TrailerSize;

    /// <summary>Serializes <paramref name="entries"/> (any order; sorted here) for a pack of <paramref name="packLength"/> bytes.</summary>
    public static byte[] Write(IEnumerable<PackIndexEntry> entries, long packLength)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var sorted = entries.OrderBy(e => e.Hash).ToArray();
        var bytes = new byte[SizeOf(sorted.Length)];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        span[4] = 1;
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], packLength);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], sorted.Length);
        Span<int> buckets = stackalloc int[256];
        buckets.Clear();
        for (var i = 0; i < sorted.Length; i++)
        {
            var entry = span.Slice(HeaderSize + FanOutSize + (i * EntrySize), EntrySize);
            sorted[i].Hash.Write(entry);
            BinaryPrimitives.WriteInt64LittleEndian(entry[ContentHash.Size..], sorted[i].Offset);
            BinaryPrimitives.WriteInt32LittleEndian(entry[(ContentHash.Size + 8)..], sorted[i].Length);
            buckets[entry[0]]++;
        }

        var cumulative = 0;
        for (var b = 0; b < 256; b++)
        {
            cumulative += buckets[b];
            BinaryPrimitives.WriteInt32LittleEndian(span[(HeaderSize + (b * 4))..], cumulative);
        }

        SHA256.HashData(span[..^TrailerSize], span[^TrailerSize..]);
        return bytes;
    }

    /// <summary>
    /// Checks the parts of an index a lookup relies on without reading its entries: the header, the length, the
    /// fan-out table (monotone, ending at the count). Cheap enough for every open of a memory-mapped index.
    /// </summary>
    /// <returns>The pack length and entry count.</returns>
    /// <exception cref="InvalidDataException">The index is malformed.</exception>
    public static (long PackLength, int Count) ReadHeader(ReadOnlySpan<byte> index, string name)
    {
        if (index.Length < SizeOf(0) || !index.StartsWith(Magic) || index[4] != 1 || index[5] != 0 || index[6] != 0 || index[7] != 0)
        {
            throw new InvalidDataException($"Pack index '{name}' has a malformed header.");
        }

        var packLength = BinaryPrimitives.ReadInt64LittleEndian(index[8..]);
        var count = BinaryPrimitives.ReadInt32LittleEndian(index[16..]);
        if (count < 0 || count > MaxEntries || index.Length != SizeOf(count) || packLength < PackFile.HeaderSize)
        {
            throw new InvalidDataException($"Pack index '{name}' declares {count} entries and a pack of {packLength} bytes, which its length of {index.Length} bytes contradicts.");
        }

        var previous = 0;
        for (var b = 0; b < 256; b++)
        {
            var cumulative = BinaryPrimitives.ReadInt32LittleEndian(index[(HeaderSize + (b * 4))..]);
            if (cumulative < previous || cumulative > count)
            {
                throw new InvalidDataException($"Pack index '{name}' has a malformed fan-out table at byte {b:x2}.");
            }

            previous = cumulative;
        }

        if (previous != count)
        {
            throw new InvalidDataException($"Pack index '{name}' fan-out ends at {previous}, not its {count} entries.");
        }

        return (packLength, count);
    }

    /// <summary>
    /// Fully parses and checks an index: header, fan-out, checksum, entries strictly ascending and in their fan-out
    /// bucket, each entry inside the pack after its header and at least a codec header long.
    /// </summary>
    /// <exception cref="InvalidDataException">The index is malformed or its checksum does not match.</exception>
    public static IReadOnlyList<PackIndexEntry> Parse(ReadOnlySpan<byte> index, string name)
    {
        var (packLength, count) = ReadHeader(index, name);
        Span<byte> checksum = stackalloc byte[TrailerSize];
        SHA256.HashData(index[..^TrailerSize], checksum);
        if (!checksum.SequenceEqual(index[^TrailerSize..]))
        {
            throw new InvalidDataException($"Pack index '{name}' does not match its checksum.");
        }

        var entries = new PackIndexEntry[count];
        for (var i = 0; i < count; i++)
        {
            var entry = EntryAt(index, i);
            var bucketEnd = BinaryPrimitives.ReadInt32LittleEndian(index[(HeaderSize + (entry.Hash.FirstByte() * 4))..]);
            var bucketStart = entry.Hash.FirstByte() == 0 ? 0 : BinaryPrimitives.ReadInt32LittleEndian(index[(HeaderSize + ((entry.Hash.FirstByte() - 1) * 4))..]);
            if ((i > 0 && entry.Hash.CompareTo(entries[i - 1].Hash) <= 0) || i < bucketStart || i >= bucketEnd)
            {
                throw new InvalidDataException($"Pack index '{name}' entry {i} is out of order.");
            }

            if (entry.Offset < PackFile.HeaderSize || entry.Length < ObjectCodec.HeaderSize || entry.Offset > packLength - entry.Length)
            {
                throw new InvalidDataException($"Pack index '{name}' entry {i} [{entry.Offset}, +{entry.Length}) lies outside the pack of {packLength} bytes.");
            }

            entries[i] = entry;
        }

        return entries;
    }

    /// <summary>Finds <paramref name="hash"/> in an index whose header <see cref="ReadHeader"/> accepted.</summary>
    public static bool TryFind(ReadOnlySpan<byte> index, ContentHash hash, out PackIndexEntry entry)
    {
        var first = hash.FirstByte();
        var low = first == 0 ? 0 : BinaryPrimitives.ReadInt32LittleEndian(index[(HeaderSize + ((first - 1) * 4))..]);
        var high = BinaryPrimitives.ReadInt32LittleEndian(index[(HeaderSize + (first * 4))..]) - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var candidate = EntryAt(index, middle);
            var order = candidate.Hash.CompareTo(hash);
            if (order == 0)
            {
                entry = candidate;
                return true;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        entry = default;
        return false;
    }

    /// <summary>Reads entry <paramref name="i"/> of an index whose header <see cref="ReadHeader"/> accepted.</summary>
    public static PackIndexEntry EntryAt(ReadOnlySpan<byte> index, int i)
    {
        var entry = index.Slice(HeaderSize + FanOutSize + (i * EntrySize), EntrySize);
        return new PackIndexEntry(
            ContentHash.Read(entry),
            BinaryPrimitives.ReadInt64LittleEndian(entry[ContentHash.Size..]),
            BinaryPrimitives.ReadInt32LittleEndian(entry[(ContentHash.Size + 8)..]));
    }
}
