using System.Buffers.Binary;
using System.IO.Compression;
using SnapshotHa.Disks.Sources;

namespace SnapshotHa.Disks.Extents;

/// <summary>
/// A hosted sparse "KDMV" extent (monolithicSparse, twoGbMaxExtentSparse) or streamOptimized extent (compressed
/// grains behind markers; directory at the end read from the footer, or at the front as qemu writes it).
/// </summary>
internal sealed class HostedSparseExtent : GrainTableExtent
{
    private const int MarkerBytes = 12;
    private readonly HostedSparseHeader _header;
    private readonly uint[] _directory;
    private readonly Lock _grainLock = new();
    private long _cachedGrain = -1;
    private byte[]? _cachedGrainBytes;

    private HostedSparseExtent(IRandomAccessSource source, HostedSparseHeader header, long length, uint[] directory)
        : base(source, length, header.GrainBytes, header.EntriesPerTable)
    {
        _header = header;
        _directory = directory;
    }

    /// <summary>Gets the header in effect (the footer's for a streamOptimized file with its directory at the end).</summary>
    public HostedSparseHeader Header => _header;

    protected override bool RawGrains => !_header.IsCompressed;

    /// <summary>Opens the extent; <paramref name="lengthBytes"/> is the descriptor's extent size, or null for the header capacity.</summary>
    /// <exception cref="InvalidDataException">The header, footer or directory is malformed.</exception>
    public static async ValueTask<HostedSparseExtent> OpenAsync(IRandomAccessSource source, long? lengthBytes, CancellationToken cancellationToken)
    {
        var bytes = new byte[HostedSparseHeader.Size];
        await source.ReadExactlyAsync(0, bytes, "sparse header", cancellationToken);
        var header = HostedSparseHeader.Parse(bytes, source.Name);
        if (header.DirectoryOffset == HostedSparseHeader.DirectoryAtEnd)
        {
            if (source.Length < 1536 + HostedSparseHeader.Size)
            {
                throw new InvalidDataException($"{source.Name}: streamOptimized file with its directory at the end is too short for a footer");
            }

            await source.ReadExactlyAsync(source.Length - 1024, bytes, "streamOptimized footer", cancellationToken);
            header = HostedSparseHeader.Parse(bytes, source.Name + " (footer)");
            if (header.DirectoryOffset == HostedSparseHeader.DirectoryAtEnd)
            {
                throw new InvalidDataException($"{source.Name}: streamOptimized footer has no grain directory offset");
            }
        }

        var capacity = header.CapacitySectors * 512;
        var length = lengthBytes ?? capacity;
        if (length > capacity)
        {
            throw new InvalidDataException($"{source.Name}: descriptor extent of {length} bytes exceeds the sparse header capacity of {capacity} bytes");
        }

        var tableSpan = header.GrainBytes * header.EntriesPerTable;
        var tables = (length + tableSpan - 1) / tableSpan;
        if (header.DirectoryOffset > (ulong)(source.Length / 512))
        {
            throw new InvalidDataException($"{source.Name}: grain directory sector {header.DirectoryOffset} lies past the end of the file ({source.Length} bytes)");
        }

        var directory = await ReadDirectoryU32Async(source, (long)header.DirectoryOffset * 512, tables, "grain directory", cancellationToken);

        return new HostedSparseExtent(source, header, length, directory);
    }

    protected override async ValueTask<long[]?> LoadTableAsync(long tableIndex, CancellationToken cancellationToken)
    {
        var sector = _directory[tableIndex];
        if (sector == 0)
        {
            return null;
        }

        var bytes = new byte[EntriesPerTable * 4];
        await Source.ReadExactlyAsync((long)sector * 512, bytes, $"grain table {tableIndex}", cancellationToken);
        return DecodeU32(bytes, DecodeEntry);
    }

    protected override IAsyncEnumerable<(long Index, long[] Table)> ScanTablesAsync(CancellationToken cancellationToken) =>
        ScanU32TablesAsync(_directory, DecodeEntry, cancellationToken);

    private long DecodeEntry(uint entry) => entry switch
    {
        0 => UnallocatedEntry,
        1 when _header.HasZeroedGrains => ZeroEntry,
        _ => (long)entry * 512,
    };

    protected override async ValueTask ReadGrainAsync(long grain, long entry, int inGrain, Memory<byte> destination, CancellationToken cancellationToken)
    {
        lock (_grainLock)
        {
            if (_cachedGrain == grain && _cachedGrainBytes is { } cached)
            {
                cached.AsSpan(inGrain, destination.Length).CopyTo(destination.Span);
                return;
            }
        }

        var grainBytes = await InflateGrainAsync(grain, entry, cancellationToken);
        grainBytes.AsSpan(inGrain, destination.Length).CopyTo(destination.Span);
        lock (_grainLock)
        {
            _cachedGrain = grain;
            _cachedGrainBytes = grainBytes;
        }
    }

    private async ValueTask<byte[]> InflateGrainAsync(long grain, long entry, CancellationToken cancellationToken)
    {
        var maxCompressed = (GrainBytes * 2) + 4096;
        long dataOffset;
        long compressedLength;
        if (_header.HasMarkers)
        {
            var marker = new byte[MarkerBytes];
            await Source.ReadExactlyAsync(entry, marker, $"grain marker of grain {grain}", cancellationToken);
            compressedLength = BinaryPrimitives.ReadUInt32LittleEndian(marker.AsSpan(8));
            dataOffset = entry + MarkerBytes;
            if (compressedLength == 0 || compressedLength > maxCompressed)
            {
                throw new InvalidDataException($"{Source.Name}: grain {grain} at byte {entry} has compressed size {compressedLength} (expected 1..{maxCompressed})");
            }
        }
        else
        {
            dataOffset = entry;
            compressedLength = Math.Min(maxCompressed, Math.Max(0, Source.Length - entry));
        }

        var compressed = await Source.ReadRegionAsync(dataOffset, compressedLength, maxCompressed, $"compressed grain {grain}", cancellationToken);
        var grainBytes = new byte[GrainBytes];
        var needed = (int)Math.Min(GrainBytes, Length - (grain * GrainBytes));
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
            var read = zlib.ReadAtLeast(grainBytes, needed, throwOnEndOfStream: false);
            if (read < needed)
            {
                throw new InvalidDataException($"{Source.Name}: compressed grain {grain} at byte {entry} inflates to {read} bytes, expected {needed}");
            }
        }
        catch (InvalidDataException exception) when (!exception.Message.StartsWith(Source.Name, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{Source.Name}: compressed grain {grain} at byte {entry} is corrupt: {exception.Message}", exception);
        }

        return grainBytes;
    }
}
