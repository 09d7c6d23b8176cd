using System.Runtime.InteropServices;

namespace SnapshotHa.Repository.Storage;

/// <summary>
/// A block of native memory aligned for direct I/O (outside the GC heap, so a large buffer neither counts against
/// the garbage collector's budgets nor moves). Not thread-safe; freed by <see cref="Dispose"/>.
/// </summary>
internal sealed unsafe class AlignedBuffer : IDisposable
{
    private void* _memory;

    /// <summary>Allocates <paramref name="length"/> bytes aligned to <paramref name="alignment"/> (a power of two).</summary>
    public AlignedBuffer(int length, int alignment)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        Length = length;
        _memory = NativeMemory.AlignedAlloc((nuint)length, (nuint)alignment);
    }

    /// <summary>Gets the length in bytes.</summary>
    public int Length { get; }

    /// <summary>Gets the memory.</summary>
    public Span<byte> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(_memory is null, this);
            return new Span<byte>(_memory, Length);
        }
    }

    public void Dispose()
    {
        if (_memory is not null)
        {
            NativeMemory.AlignedFree(_memory);
            _memory = null;
        }
    }
}
