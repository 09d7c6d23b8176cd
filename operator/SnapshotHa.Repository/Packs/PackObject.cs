using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Packs;

/// <summary>
/// An encoded object to append to a pack, given in two parts that are written back to back (a raw chunk's 8-byte
/// header and its content where they lie, so neither is copied into a contiguous buffer first).
/// </summary>
/// <param name="Hash">The object's name.</param>
/// <param name="Head">The first part of the encoded object (the header, or the whole compressed encoding).</param>
/// <param name="Tail">The rest (the raw content, or empty).</param>
internal readonly record struct PackObject(ContentHash Hash, ReadOnlyMemory<byte> Head, ReadOnlyMemory<byte> Tail)
{
    /// <summary>Gets the encoded length.</summary>
    public int Length => Head.Length + Tail.Length;
}
