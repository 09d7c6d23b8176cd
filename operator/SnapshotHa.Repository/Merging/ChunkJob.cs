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

    /// <summary>Gets or sets whether the chunk is new to the committed store and must be written (set by the worker).</summary>
    public bool IsNew { get; set; }

    /// <summary>Gets or sets the compressed encoding (pooled), or null to store the content raw (set by the worker).</summary>
    public byte[]? Compressed { get; set; }

    /// <summary>Gets or sets the length of <see cref="Compressed"/>'s encoding.</summary>
    public int CompressedLength { get; set; }

    public Span<byte> Content => Buffer.AsSpan(0, Length);

    public void Release()
    {
        ArrayPool<byte>.Shared.Return(Buffer);
        if (Compressed is not null)
        {
            ArrayPool<byte>.Shared.Return(Compressed);
            Compressed = null;
        }
    }
}
