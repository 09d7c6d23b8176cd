using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Merging;

/// <summary>A chunk's reference after hashing, and the encoded bytes written for it (0 if it already existed).</summary>
internal readonly record struct ChunkOutcome(ContentHash Reference, int BytesWritten);
