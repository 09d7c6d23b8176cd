using System.Buffers;

namespace SnapshotHa.Repository.Merging;

/// <summary>One chunk's new content on its way from the reader through hashing and storing to the index writer.</summary>
internal sealed class ChunkJob(long index, int length)
{
    public long Index { get; } = index;

    public int Length { get; } = length;

    public byte[] Buffer { get; } = ArrayPool<byte>.Shared.Rent(length);

    /// <summary>Gets or sets the outcome, set by the worker before the batch completes.</summary>
    public ChunkOutcome Outcome { get; set; }

    public Span<byte> Content => Buffer.AsSpan(0, Length);

    public void Release() => ArrayPool<byte>.Shared.Return(Buffer);
}
