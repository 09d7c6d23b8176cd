using System.Buffers.Binary;
using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Indexing;

/// <summary>
/// The binary form of an index page: magic <c>SHIX</c>, u8 version 1, u8 level, u16 zero, u32 entry count (LE),
/// u32 zero, then the entries as raw 32-byte hashes (zero = all-zero chunk or subtree).
/// </summary>
public static class IndexPage
{
    /// <summary>The header length in bytes.</summary>
    public const int HeaderSize = 16;

    private static ReadOnlySpan<byte> Magic => "SHIX"u8;

    /// <summary>Gets the byte length of a page of <paramref name="entryCount"/> entries.</summary>
    public static int SizeOf(int entryCount) => HeaderSize + (entryCount * ContentHash.Size);

    /// <summary>Serializes a page into <paramref name="destination"/>; returns the byte length.</summary>
    public static int Write(int level, ReadOnlySpan<ContentHash> entries, Span<byte> destination)
    {
        Magic.CopyTo(destination);
        destination[4] = 1;
        destination[5] = (byte)level;
        destination[6..HeaderSize].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], (uint)entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i].Write(destination[(HeaderSize + (i * ContentHash.Size))..]);
        }

        return SizeOf(entries.Length);
    }

    /// <summary>Parses a page into <paramref name="entries"/> (its length is the expected entry count).</summary>
    /// <exception cref="InvalidDataException">The page is malformed or not of the expected level and size.</exception>
    public static void Read(ReadOnlySpan<byte> page, int expectedLevel, Span<ContentHash> entries, string name)
    {
        if (page.Length != SizeOf(entries.Length) || !page.StartsWith(Magic) || page[4] != 1 ||
            page[5] != expectedLevel || BinaryPrimitives.ReadUInt32LittleEndian(page[8..]) != entries.Length)
        {
            throw new InvalidDataException(
                $"Index page '{name}' is malformed or is not a level-{expectedLevel} page of {entries.Length} entries.");
        }

        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = ContentHash.Read(page[(HeaderSize + (i * ContentHash.Size))..]);
        }
    }
}
