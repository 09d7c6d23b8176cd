using System.Runtime.CompilerServices;
using SnapshotHa.Disks.Sources;

namespace SnapshotHa.Disks.Extents;

/// <summary>A FLAT or VMFS extent: raw bytes at a fixed offset into a file; wholly allocated.</summary>
internal sealed class FlatExtent : IVmdkExtent
{
    private readonly IRandomAccessSource _source;
    private readonly long _start;

    public FlatExtent(IRandomAccessSource source, long startByte, long length)
    {
        if (startByte > source.Length || length > source.Length - startByte)
        {
            throw new InvalidDataException(
                $"{source.Name}: flat extent of {length} bytes at byte {startByte} lies past the end of the file ({source.Length} bytes)");
        }

        _source = source;
        _start = startByte;
        Length = length;
    }

    public long Length { get; }

    public ValueTask<BlockStatus> GetStatusAsync(long offset, long maxLength, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new BlockStatus(BlockState.Data, Math.Min(maxLength, Length - offset)));

    public ValueTask ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken) =>
        _source.ReadExactlyAsync(_start + offset, buffer, "flat extent data", cancellationToken);

    public async IAsyncEnumerable<AllocatedRange> EnumerateAllocatedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        cancellationToken.ThrowIfCancellationRequested();
        if (Length > 0)
        {
            yield return new AllocatedRange(0, Length, ExtentKind.Data);
        }
    }
}
