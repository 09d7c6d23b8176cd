using SnapshotHa.Disks;
using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Merging;

/// <summary>
/// One slot of the merge pipeline's ring: up to <see cref="Capacity"/> consecutive changed chunks, their content in
/// one native buffer allocated when the slot is first used (outside the GC heap, so the ring brings on no full
/// collection; reused for every batch the slot carries, freed by <see cref="Dispose"/>), and what hashing found. The planner fills it, one worker encodes it, and the ordered
/// writer stores it; no allocation per chunk, and a small delta never touches the slots it does not need.
/// </summary>
internal sealed class MergeBatch : IDisposable
{
    private readonly int _chunkSize;
    private readonly byte[] _headers;
    private AlignedBuffer? _content;

    public MergeBatch(int chunkSize, int capacity)
    {
        _chunkSize = chunkSize;
        Capacity = capacity;
        _headers = new byte[ObjectCodec.HeaderSize * capacity];
        Chunks = new long[capacity];
        Lengths = new int[capacity];
        FirstSegment = new int[capacity + 1];
        Parents = new ContentHash[capacity];
        References = new ContentHash[capacity];
        IsNew = new bool[capacity];
        Compressed = new byte[]?[capacity];
        CompressedLengths = new int[capacity];
        BytesWritten = new int[capacity];
    }

    /// <summary>Gets the most chunks the slot carries.</summary>
    public int Capacity { get; }

    /// <summary>Gets or sets the batch's place in the merge's order (0, 1, 2, …).</summary>
    public long Sequence { get; set; }

    /// <summary>Gets or sets the number of chunks in the batch.</summary>
    public int Count { get; set; }

    /// <summary>Gets the chunk numbers, ascending.</summary>
    public long[] Chunks { get; }

    /// <summary>Gets the chunk lengths (the last chunk of a disk may be short).</summary>
    public int[] Lengths { get; }

    /// <summary>Gets, per chunk, where its segments start in <see cref="Segments"/> (entry <c>Count</c> ends the last).</summary>
    public int[] FirstSegment { get; }

    /// <summary>Gets the layer's ranges within each chunk, chunk by chunk.</summary>
    public List<AllocatedRange> Segments { get; } = [];

    /// <summary>Gets the parent's reference of each chunk the layer covers only partly (zero otherwise).</summary>
    public ContentHash[] Parents { get; }

    /// <summary>Gets the new reference of each chunk (set by the encoder; zero for an all-zero chunk).</summary>
    public ContentHash[] References { get; }

    /// <summary>Gets whether each chunk is absent from the committed store and must be written (set by the encoder).</summary>
    public bool[] IsNew { get; }

    /// <summary>Gets each chunk's pooled compressed encoding, or null to store it raw (set by the encoder).</summary>
    public byte[]?[] Compressed { get; }

    /// <summary>Gets the length of each compressed encoding.</summary>
    public int[] CompressedLengths { get; }

    /// <summary>Gets the encoded bytes written for each chunk (0 when it already existed; set by the writer).</summary>
    public int[] BytesWritten { get; }

    /// <summary>Gets the content buffer of chunk <paramref name="i"/> (its whole length).</summary>
    public Memory<byte> ContentMemory(int i) => _content!.Memory.Slice(i * _chunkSize, Lengths[i]);

    /// <summary>Gets the content of chunk <paramref name="i"/>.</summary>
    public Span<byte> Content(int i) => _content!.Span.Slice(i * _chunkSize, Lengths[i]);

    /// <summary>Frees the content buffer and returns any compressed encodings to the pool.</summary>
    public void Dispose()
    {
        ReleaseCompressed();
        _content?.Free();
        _content = null;
    }

    /// <summary>Gets the 8-byte buffer for chunk <paramref name="i"/>'s raw object header.</summary>
    public Memory<byte> Header(int i) => _headers.AsMemory(i * ObjectCodec.HeaderSize, ObjectCodec.HeaderSize);

    /// <summary>Starts refilling the slot for batch <paramref name="sequence"/>.</summary>
    public void Reset(long sequence)
    {
        ReleaseCompressed();
        _content ??= new AlignedBuffer(_chunkSize * Capacity, StagedFileWriter.Alignment);
        Sequence = sequence;
        Count = 0;
        Segments.Clear();
        FirstSegment[0] = 0;
    }

    /// <summary>Returns the pooled compressed encodings not yet handed to the store.</summary>
    public void ReleaseCompressed()
    {
        for (var i = 0; i < Compressed.Length; i++)
        {
            if (Compressed[i] is { } buffer)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                Compressed[i] = null;
            }
        }
    }
}
