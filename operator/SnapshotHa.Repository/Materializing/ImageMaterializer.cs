using System.Buffers;
using System.Globalization;
using SnapshotHa.Disks.Descriptors;
using SnapshotHa.Repository.Indexing;
using SnapshotHa.Repository.Manifests;
using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Materializing;

/// <summary>Streams a disk of an image out as raw bytes: a flat VMDK extent.</summary>
public sealed class ImageMaterializer(ObjectStore store, int chunkSize, int fanOut)
{
    /// <summary>
    /// Writes <paramref name="disk"/> as a monolithicFlat VMDK: the descriptor at <paramref name="descriptorPath"/>
    /// and the extent <c>NAME-flat.vmdk</c> beside it, a sparse file whose all-zero chunks are holes.
    /// </summary>
    /// <returns>The extent's path.</returns>
    /// <exception cref="InvalidDataException">A chunk or page is missing or corrupt.</exception>
    public async Task<string> WriteFlatVmdkAsync(string imageId, DiskImage disk, string descriptorPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(disk);
        if (!ImageIds.IsWellFormed(imageId))
        {
            throw new ArgumentException($"'{imageId}' is not an image id.", nameof(imageId));
        }
        var fullPath = Path.GetFullPath(descriptorPath);
        var directory = Path.GetDirectoryName(fullPath)!;
        var baseName = Path.GetFileNameWithoutExtension(fullPath);
        var extentName = baseName + "-flat.vmdk";
        var extentPath = Path.Combine(directory, extentName);
        Directory.CreateDirectory(directory);
        await using (var extent = new FileStream(extentPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            await WriteExtentAsync(disk, extent, cancellationToken);
            extent.Flush(flushToDisk: true);
        }

        var contentId = uint.Parse(imageId.AsSpan(0, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var descriptor = VmdkDescriptor.ForMonolithicFlat(disk.Capacity, extentName, contentId);
        await File.WriteAllTextAsync(fullPath, descriptor.ToText(), cancellationToken);
        return extentPath;
    }

    /// <summary>
    /// Writes the disk's raw bytes to <paramref name="destination"/> from its current position: all-zero chunks are
    /// skipped by seeking when the stream can seek (leaving holes), written as zeros otherwise.
    /// </summary>
    /// <exception cref="InvalidDataException">A chunk or page is missing or corrupt.</exception>
    public async Task WriteExtentAsync(DiskImage disk, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(disk);
        ArgumentNullException.ThrowIfNull(destination);
        var geometry = new IndexGeometry(disk.Capacity, chunkSize, fanOut);
        var reader = new ChunkIndexReader(store, geometry, ContentHash.Parse(disk.Root));
        var start = destination.CanSeek ? destination.Position : 0;
        var buffer = ArrayPool<byte>.Shared.Rent(chunkSize);
        var zeros = new byte[chunkSize];
        try
        {
            for (long chunk = 0; chunk < geometry.ChunkCount; chunk++)
            {
                var length = geometry.ChunkLength(chunk);
                var reference = reader.GetChunk(chunk);
                if (reference.IsZero)
                {
                    if (destination.CanSeek)
                    {
                        destination.Seek(length, SeekOrigin.Current);
                    }
                    else
                    {
                        await destination.WriteAsync(zeros.AsMemory(0, length), cancellationToken);
                    }

                    continue;
                }

                if (store.Read(reference, buffer.AsSpan(0, length)) != length)
                {
                    throw new InvalidDataException($"Chunk {reference} of disk '{disk.Key}' has the wrong length for chunk {chunk}.");
                }

                await destination.WriteAsync(buffer.AsMemory(0, length), cancellationToken);
            }

            if (destination.CanSeek && destination.Length < start + disk.Capacity)
            {
                destination.SetLength(start + disk.Capacity);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
