using System.Buffers;
using System.Runtime.InteropServices;

namespace SnapshotHa.Repository.Storage;

/// <summary>
/// A block of native memory aligned for direct I/O, outside the GC heap (so large buffers neither count against the
/// garbage collector's budgets, which would bring on full collections, nor move), usable as <see cref="Memory{T}"/>.
/// Not thread-safe; freed by disposing it.
/// </summary>
internal sealed unsafe class AlignedBuffer : MemoryManager<byte>
{
    /// <summary>The size of a transparent huge page on x64 and arm64 (4 KiB base pages).</summary>
    public const int HugePageSize = 2 << 20;

    private void* _memory;

    /// <summary>
    /// Allocates <paramref name="length"/> bytes aligned to <paramref name="alignment"/> (a power of two); aligned to
    /// <see cref="HugePageSize"/> or more, the memory is advised to be backed by transparent huge pages (physically
    /// contiguous, fewer page faults and larger I/O segments) where the system allows it.
    /// </summary>
    public AlignedBuffer(int length, int alignment)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        Length = length;
        _memory = NativeMemory.AlignedAlloc((nuint)length, (nuint)alignment);
        if (alignment >= HugePageSize)
        {
            NativeMethods.AdviseHugePages((nint)_memory, length);
        }
    }

    /// <summary>Gets the length in bytes.</summary>
    public int Length { get; }

    /// <summary>Gets the memory.</summary>
    public Span<byte> Span => GetSpan();

    /// <summary>Frees the memory (a no-op when already freed).</summary>
    public void Free() => ((IDisposable)this).Dispose();

    /// <inheritdoc/>
    public override Span<byte> GetSpan()
    {
        ObjectDisposedException.ThrowIf(_memory is null, this);
        return new Span<byte>(_memory, Length);
    }

    /// <inheritdoc/>
    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ObjectDisposedException.ThrowIf(_memory is null, this);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)elementIndex, (uint)Length, nameof(elementIndex));
        return new MemoryHandle((byte*)_memory + elementIndex);
    }

    /// <inheritdoc/>
    public override void Unpin()
    {
        // Native memory never moves.
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (_memory is not null)
        {
            NativeMemory.AlignedFree(_memory);
            _memory = null;
        }
    }
}
