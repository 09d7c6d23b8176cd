using System.Runtime.CompilerServices;
using SnapshotHa.Disks.Descriptors;
using SnapshotHa.Disks.Extents;
using SnapshotHa.Disks.Sources;

namespace SnapshotHa.Disks.Vmdk;

/// <summary>
/// One VMDK layer without its parents: the extents a descriptor names, or a monolithic sparse / streamOptimized /
/// COWD / SEsparse file opened directly. Unallocated ranges read as zeros. Safe for concurrent reads.
/// </summary>
public sealed class VmdkLayer : IDiskLayer
{
    private readonly IVmdkExtent[] _extents;
    private readonly long[] _starts;
    private readonly IReadOnlyList<IRandomAccessSource> _sources;

    internal VmdkLayer(string name, VmdkDescriptor? descriptor, IVmdkExtent[] extents, IReadOnlyList<IRandomAccessSource> sources)
    {
        Name = name;
        Descriptor = descriptor;
        _extents = extents;
        _sources = sources;
        _starts = new long[extents.Length];
        long position = 0;
        for (var index = 0; index < extents.Length; index++)
        {
            _starts[index] = position;
            position += extents[index].Length;
        }

        Capacity = position;
    }

    /// <summary>Gets the file name the layer was opened from.</summary>
    public string Name { get; }

    /// <summary>Gets the descriptor (separate or embedded), or null for a bare sparse extent file.</summary>
    public VmdkDescriptor? Descriptor { get; }

    /// <inheritdoc />
    public long Capacity { get; }

    /// <summary>Opens the layer <paramref name="fileName"/> names through <paramref name="resolver"/>.</summary>
    /// <exception cref="InvalidDataException">A file is malformed, an extent type unsupported, or a name escapes the directory.</exception>
    /// <exception cref="FileNotFoundException">The file or one of its extents does not exist.</exception>
    public static async Task<IDiskLayer> OpenAsync(IExtentResolver resolver, string fileName, CancellationToken cancellationToken) =>
        await LayerOpener.OpenAsync(resolver, fileName, null, cancellationToken);

    /// <summary>Opens the layer at <paramref name="path"/>, resolving extents in its directory.</summary>
    /// <exception cref="InvalidDataException">A file is malformed, an extent type unsupported, or a name escapes the directory.</exception>
    /// <exception cref="FileNotFoundException">The file or one of its extents does not exist.</exception>
    public static Task<IDiskLayer> OpenFileAsync(string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        return OpenAsync(new DirectoryExtentResolver(Path.GetDirectoryName(full)!), Path.GetFileName(full), cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AllocatedRange> EnumerateAllocatedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var coalescer = new RangeCoalescer();
        for (var index = 0; index < _extents.Length; index++)
        {
            await foreach (var range in _extents[index].EnumerateAllocatedAsync(cancellationToken))
            {
                if (coalescer.Add(range with { Offset = range.Offset + _starts[index] }) is { } closed)
                {
                    yield return closed;
                }
            }
        }

        if (coalescer.Flush() is { } last)
        {
            yield return last;
        }
    }

    /// <inheritdoc />
    public async ValueTask ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        CheckRange(offset, buffer.Length);
        var done = 0;
        while (done < buffer.Length)
        {
            var index = ExtentAt(offset + done);
            var inExtent = offset + done - _starts[index];
            var length = (int)Math.Min(buffer.Length - done, _extents[index].Length - inExtent);
            await _extents[index].ReadAsync(inExtent, buffer.Slice(done, length), cancellationToken);
            done += length;
        }
    }

    /// <summary>Returns the state of the run at <paramref name="offset"/> (within one extent, at most <paramref name="maxLength"/>).</summary>
    internal async ValueTask<BlockStatus> GetStatusAsync(long offset, long maxLength, CancellationToken cancellationToken)
    {
        CheckRange(offset, 1);
        var index = ExtentAt(offset);
        var inExtent = offset - _starts[index];
        return await _extents[index].GetStatusAsync(inExtent, Math.Min(maxLength, _extents[index].Length - inExtent), cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var source in _sources)
        {
            await source.DisposeAsync();
        }
    }

    private void CheckRange(long offset, long length)
    {
        if (offset < 0 || length < 0 || offset > Capacity || length > Capacity - offset)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"Range of {length} bytes at {offset} lies outside the {Capacity}-byte disk {Name}");
        }
    }

    private int ExtentAt(long offset)
    {
        var index = Array.BinarySearch(_starts, offset);
        index = index >= 0 ? index : ~index - 1;
        while (index < _extents.Length - 1 && _extents[index].Length == 0)
        {
            index++;
        }

        return index;
    }
}
