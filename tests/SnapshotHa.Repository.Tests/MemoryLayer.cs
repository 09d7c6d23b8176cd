using System.Runtime.CompilerServices;
using SnapshotHa.Disks;

namespace SnapshotHa.Repository.Tests;

/// <summary>An in-memory layer: per-sector state (unallocated, data, zeroed) and the data bytes.</summary>
internal sealed class MemoryLayer(long capacity) : IDiskLayer
{
    private const byte Unallocated = 0;
    private const byte DataSector = 1;
    private const byte ZeroSector = 2;

    private readonly byte[] _data = new byte[capacity];
    private readonly byte[] _state = new byte[capacity / 512];

    public long Capacity => capacity;

    public int ReadCalls { get; private set; }

    /// <summary>Writes <paramref name="length"/> bytes of a pattern derived from <paramref name="seed"/>.</summary>
    public MemoryLayer Write(long offset, int length, int seed)
    {
        var target = _data.AsSpan((int)offset, length);
        if (seed % 2 == 0)
        {
            target.Fill((byte)(seed / 2)); // compressible (and all-zero for seed 0)
        }
        else
        {
            new Random(seed).NextBytes(target);
        }

        _state.AsSpan((int)(offset / 512), length / 512).Fill(DataSector);
        return this;
    }

    /// <summary>Marks <paramref name="length"/> bytes as zeroed.</summary>
    public MemoryLayer Zero(long offset, int length)
    {
        _data.AsSpan((int)offset, length).Clear();
        _state.AsSpan((int)(offset / 512), length / 512).Fill(ZeroSector);
        return this;
    }

    /// <summary>Applies this layer onto a reference model of the whole disk.</summary>
    public void ApplyTo(byte[] model)
    {
        for (var sector = 0; sector < _state.Length; sector++)
        {
            if (_state[sector] != Unallocated)
            {
                _data.AsSpan(sector * 512, 512).CopyTo(model.AsSpan(sector * 512));
            }
        }
    }

    public async IAsyncEnumerable<AllocatedRange> EnumerateAllocatedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        var sector = 0;
        while (sector < _state.Length)
        {
            var state = _state[sector];
            var end = sector + 1;
            while (end < _state.Length && _state[end] == state)
            {
                end++;
            }

            if (state != Unallocated)
            {
                yield return new AllocatedRange(sector * 512L, (end - sector) * 512L, state == DataSector ? ExtentKind.Data : ExtentKind.Zero);
            }

            sector = end;
        }
    }

    public ValueTask ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        ReadCalls++;
        _data.AsSpan((int)offset, buffer.Length).CopyTo(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
