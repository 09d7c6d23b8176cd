using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Packs;

/// <summary>Where one object lies in a pack: its hash, the offset of its encoded bytes and their length.</summary>
/// <param name="Hash">The object's name (SHA-256 of its uncompressed content).</param>
/// <param name="Offset">The byte offset of the encoded object in the pack file.</param>
/// <param name="Length">The encoded length in bytes.</param>
public readonly record struct PackIndexEntry(ContentHash Hash, long Offset, int Length);
