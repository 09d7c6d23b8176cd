using System.Runtime.CompilerServices;
using SnapshotHa.Disks.Extents;
using SnapshotHa.Disks.Sources;

namespace SnapshotHa.Disks.Vmdk;

/// <summary>
/// A virtual disk seen through its parents (followed by <c>parentFileNameHint</c>): a read takes each range from the
/// topmost layer that allocates it; zeroed grains hide the parents; nothing allocated reads as zeros.
/// </summary>
public sealed class VmdkChain : IDiskLayer
{
    private readonly VmdkLayer[] _layers;

    private VmdkChain(VmdkLayer[] layers, IReadOnlyList<string> warnings)
    {
        _layers = layers;
        Warnings = warnings;
    }

    /// <summary>Gets the layers, topmost first.</summary>
    public IReadOnlyList<VmdkLayer> Layers => _layers;

    /// <summary>Gets non-fatal findings while opening (CID mismatches, absolute parent hints).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <inheritdoc />
    public long Capacity => _layers[0].Capacity;

    /// <summary>Opens <paramref name="fileName"/> and its parents through <paramref name="resolver"/>.</summary>
    /// <exception cref="InvalidDataException">A file is malformed, the chain loops or is deeper than 255 layers.</exception>
    /// <exception cref="FileNotFoundException">A file of the chain does not exist.</exception>
    public static async Task<IDiskLayer> OpenAsync(IExtentResolver resolver, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        var layers = new List<VmdkLayer>();
        var warnings = new List<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var name = fileName;
            while (true)
            {
                if (!visited.Add(name))
                {
                    throw new InvalidDataException($"{layers[^1].Name}: parent chain loops back to '{name}'");
                }

                if (layers.Count >= DiskLimits.MaxChainDepth)
                {
                    throw new InvalidDataException($"{fileName}: parent chain is deeper than {DiskLimits.MaxChainDepth} layers");
                }

                var layer = await LayerOpener.OpenAsync(resolver, name, layers.Count > 0 ? layers[^1].Name : null, cancellationToken);
                if (layers.Count > 0 && layer.Descriptor is { } parent && layers[^1].Descriptor is { } child && child.ParentContentId != parent.ContentId)
                {
                    warnings.Add($"{child.ParentContentId:x8} is the parentCID of {layers[^1].Name} but {layer.Name} has CID {parent.ContentId:x8}");
                }

                layers.Add(layer);
                var hint = layer.Descriptor?.ParentFileNameHint;
                if (string.IsNullOrEmpty(hint))
                {
                    break;
                }

                name = hint;
                if (Path.IsPathRooted(hint) || hint.Contains(":\\", StringComparison.Ordinal))
                {
                    name = hint[(hint.LastIndexOfAny(['/', '\\']) + 1)..];
                    warnings.Add($"{layer.Name} names its parent by the absolute path '{hint}'; looked for '{name}' beside it");
                }
            }
        }
        catch
        {
            foreach (var layer in layers)
            {
                await layer.DisposeAsync();
            }

            throw;
        }

        return new VmdkChain([.. layers], warnings);
    }

    /// <summary>Opens the chain whose top is at <paramref name="path"/>, resolving files in its directory.</summary>
    /// <exception cref="InvalidDataException">A file is malformed, the chain loops or is too deep.</exception>
    /// <exception cref="FileNotFoundException">A file of the chain does not exist.</exception>
    public static Task<IDiskLayer> OpenFileAsync(string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        return OpenAsync(new DirectoryExtentResolver(Path.GetDirectoryName(full)!), Path.GetFileName(full), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (offset < 0 || offset > Capacity || buffer.Length > Capacity - offset)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"Range of {buffer.Length} bytes at {offset} lies outside the {Capacity}-byte disk {_layers[0].Name}");
        }

        return ReadLayerAsync(0, offset, buffer, cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AllocatedRange> EnumerateAllocatedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var perLayer = new List<AllocatedRange>[_layers.Length];
        for (var index = 0; index < _layers.Length; index++)
        {
            perLayer[index] = [];
            await foreach (var range in _layers[index].EnumerateAllocatedAsync(cancellationToken))
            {
                if (range.Offset < Capacity)
                {
                    perLayer[index].Add(range with { Length = Math.Min(range.Length, Capacity - range.Offset) });
                }
            }
        }

        foreach (var range in RangeUnion.TopmostWins(perLayer))
        {
            yield return range;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var layer in _layers)
        {
            await layer.DisposeAsync();
        }
    }

    private async ValueTask ReadLayerAsync(int depth, long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (depth == _layers.Length)
        {
            buffer.Span.Clear();
            return;
        }

        var layer = _layers[depth];
        var inside = (int)Math.Clamp(layer.Capacity - offset, 0, buffer.Length);
        buffer.Span[inside..].Clear();
        var done = 0;
        while (done < inside)
        {
            var status = await layer.GetStatusAsync(offset + done, inside - done, cancellationToken);
            var slice = buffer.Slice(done, (int)status.Length);
            switch (status.State)
            {
                case BlockState.Data:
                    await layer.ReadAsync(offset + done, slice, cancellationToken);
                    break;
                case BlockState.Zero:
                    slice.Span.Clear();
                    break;
                default:
                    await ReadLayerAsync(depth + 1, offset + done, slice, cancellationToken);
                    break;
            }

            done += slice.Length;
        }
    }
}
