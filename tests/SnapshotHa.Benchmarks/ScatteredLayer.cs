using System.Runtime.CompilerServices;
using SnapshotHa.Disks;

namespace SnapshotHa.Benchmarks;

/// <summary>
/// A synthetic delta: <c>grains</c> distinct 64 KiB grains at pseudo-random grain-aligned offsets of a disk of
/// <c>capacity</c> bytes: one of 16 pseudo-random (incompressible) 64 KiB buffers stamped with the seed and the grain
/// number, so every grain is distinct without generating random data on each read and a 2 TiB disk costs nothing.
/// </summary>
public sealed class ScatteredLayer : IDiskLayer
{
    public const int GrainSize = 64 * 1024;

    private readonly long[] _grains;
    private readonly int _seed;
    private readonly byte[][] _patterns;

    public ScatteredLayer(long capacity, int grains, int seed, long span)
    {
        Capacity = capacity;
        _seed = seed;
        var random = new Random(seed);
        var slots = Math.Min(capacity, span) / GrainSize;
        var chosen = new HashSet<long>();
        while (chosen.Count < Math.Min(grains, slots))
        {
            chosen.Add(random.NextInt64(slots));
        }

        _grains = [.. chosen.Order()];
        _patterns = new byte[16][];
        for (var i = 0; i < _patterns.Length; i++)
        {
            _patterns[i] = new byte[GrainSize];
            random.NextBytes(_patterns[i]);
        }
    }

    public long Capacity { get; }

    public async IAsyncEnumerable<AllocatedRange> EnumerateAllocatedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        var i = 0;
        while (i < _grains.Length)
        {
            var start = i;
            while (i + 1 < _grains.Length && _grains[i + 1] == _grains[i] + 1)
            {
                i++;
            }

            yield return new AllocatedRange(_grains[start] * GrainSize, (_grains[i] - _grains[start] + 1) * GrainSize, ExtentKind.Data);
            i++;
        }
    }

    public ValueTask ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var span = buffer.Span;
        Span<byte> stamp = stackalloc byte[16];
        for (var done = 0; done < span.Length;)
        {
            var position = offset + done;
            var grain = position / GrainSize;
            var within = (int)(position % GrainSize);
            var length = Math.Min(span.Length - done, GrainSize - within);
            BitConverter.TryWriteBytes(stamp, (long)_seed);
            BitConverter.TryWriteBytes(stamp[8..], grain);
            _patterns[grain % _patterns.Length].AsSpan(within, length).CopyTo(span[done..]);
            for (var at = within; at < Math.Min(stamp.Length, within + length); at++)
            {
                span[done + at - within] = stamp[at];
            }

            done += length;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
