using System.Buffers.Binary;
using SnapshotHa.Repository.Indexing;
using SnapshotHa.Repository.Manifests;
using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Operator.Controllers.Standbys;

/// <summary>
/// Writes the difference between two images of a disk as an ESXi vmfsSparse ("COWD") extent: 2048-byte header, grain
/// directory at sector 4, 4096-entry grain tables only for the regions that changed, 1-sector grains. Changed chunks
/// that are all zero become zeroed grains (no data). The file's size follows the change, not the disk.
/// </summary>
public static class CowdDeltaWriter
{
    private const int Sector = 512;
    private const int TableEntries = 4096;
    private const int TableSectors = TableEntries * 4 / Sector;
    private const int DirectorySector = 4;
    private const uint ZeroedGrain = 1;

    /// <summary>The chunks of <paramref name="disk"/> in <paramref name="to"/> whose content differs from <paramref name="from"/>.</summary>
    /// <param name="store">The repository's objects.</param>
    /// <param name="from">The image the standby holds.</param>
    /// <param name="to">The newer image.</param>
    /// <param name="disk">The disk key.</param>
    /// <returns>The changed chunk indexes, ascending; null when the images cannot be compared (another geometry or disk).</returns>
    public static IReadOnlyList<long>? ChangedChunks(ObjectStore store, ImageManifest from, ImageManifest to, string disk)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from.FindDisk(disk) is not { } old || to.FindDisk(disk) is not { } now
            || old.Capacity != now.Capacity || from.ChunkSize != to.ChunkSize || from.IndexFanOut != to.IndexFanOut)
        {
            return null;
        }

        var geometry = new IndexGeometry(now.Capacity, to.ChunkSize, to.IndexFanOut);
        var before = new ChunkIndexReader(store, geometry, ContentHash.Parse(old.Root));
        var after = new ChunkIndexReader(store, geometry, ContentHash.Parse(now.Root));
        var changed = new List<long>();
        for (long chunk = 0; chunk < geometry.ChunkCount; chunk++)
        {
            if (before.GetChunk(chunk) != after.GetChunk(chunk))
            {
                changed.Add(chunk);
            }
        }

        return changed;
    }

    /// <summary>Writes the COWD extent holding <paramref name="chunks"/> of <paramref name="disk"/> as <paramref name="image"/> has them.</summary>
    /// <param name="store">The repository's objects.</param>
    /// <param name="image">The newer image.</param>
    /// <param name="disk">The disk.</param>
    /// <param name="chunks">The changed chunk indexes, ascending.</param>
    /// <param name="destination">Receives the extent.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The bytes written.</returns>
    /// <exception cref="InvalidDataException">A chunk is missing or has the wrong length.</exception>
    public static async Task<long> WriteAsync(
        ObjectStore store, ImageManifest image, DiskImage disk, IReadOnlyList<long> chunks, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(disk);
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(destination);
        var geometry = new IndexGeometry(disk.Capacity, image.ChunkSize, image.IndexFanOut);
        var reader = new ChunkIndexReader(store, geometry, ContentHash.Parse(disk.Root));
        var capacitySectors = disk.Capacity / Sector;
        var directoryEntries = (capacitySectors + TableEntries - 1) / TableEntries;
        var directorySectors = ((directoryEntries * 4) + Sector - 1) / Sector;

        // Layout: grain tables of the touched regions after the directory, then the data grains in chunk order.
        var references = chunks.Select(c => (Chunk: c, Reference: reader.GetChunk(c))).ToList();
        var tables = new SortedDictionary<long, uint[]>();
        var firstTableSector = DirectorySector + directorySectors;
        foreach (var (chunk, _) in references)
        {
            var first = chunk * geometry.ChunkSize / Sector;
            var last = first + (geometry.ChunkLength(chunk) / Sector) - 1;
            for (var table = first / TableEntries; table <= last / TableEntries; table++)
            {
                tables.TryAdd(table, new uint[TableEntries]);
            }
        }

        var tableSector = tables.Keys.Select((table, i) => (table, sector: firstTableSector + (i * TableSectors))).ToDictionary(p => p.table, p => p.sector);
        var nextData = firstTableSector + (tables.Count * TableSectors);
        foreach (var (chunk, reference) in references)
        {
            var first = chunk * geometry.ChunkSize / Sector;
            var count = geometry.ChunkLength(chunk) / Sector;
            for (long s = 0; s < count; s++)
            {
                var sector = first + s;
                tables[sector / TableEntries][sector % TableEntries] = reference.IsZero ? ZeroedGrain : checked((uint)nextData++);
            }
        }

        var header = new byte[2048];
        "COWD"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), 3);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), checked((uint)capacitySectors));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), DirectorySector);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(24), checked((uint)directoryEntries));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(28), checked((uint)nextData));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(1060), 1);
        await destination.WriteAsync(header, cancellationToken);

        var directory = new byte[directorySectors * Sector];
        foreach (var (table, sector) in tableSector)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(directory.AsSpan((int)table * 4), checked((uint)sector));
        }

        await destination.WriteAsync(directory, cancellationToken);
        var tableBytes = new byte[TableEntries * 4];
        foreach (var entries in tables.Values)
        {
            for (var i = 0; i < TableEntries; i++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(tableBytes.AsSpan(i * 4), entries[i]);
            }

            await destination.WriteAsync(tableBytes, cancellationToken);
        }

        var buffer = new byte[geometry.ChunkSize];
        long written = header.Length + directory.Length + ((long)tables.Count * tableBytes.Length);
        foreach (var (chunk, reference) in references.Where(r => !r.Reference.IsZero))
        {
            var length = geometry.ChunkLength(chunk);
            if (store.Read(reference, buffer.AsSpan(0, length)) != length)
            {
                throw new InvalidDataException($"Chunk {reference} of disk '{disk.Key}' has the wrong length for chunk {chunk}.");
            }

            await destination.WriteAsync(buffer.AsMemory(0, length), cancellationToken);
            written += length;
        }

        return written;
    }
}
