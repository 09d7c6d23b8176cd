using SnapshotHa.Repository;

namespace SnapshotHa.Operator.Telemetry;

/// <summary>The size of a ProtectedVM's part of an image repository.</summary>
/// <param name="LogicalBytes">Sum of the disk capacities of the series' images: their size without deduplication.</param>
/// <param name="StoredBytes">Bytes of all chunk files in the repository (every series sharing it).</param>
public sealed record RepositoryUsage(long LogicalBytes, long StoredBytes)
{
    /// <summary>Sum of the disk capacities of <paramref name="series"/>' images in <paramref name="repository"/>.</summary>
    /// <param name="repository">The open repository.</param>
    /// <param name="series">The ProtectedVM's series.</param>
    /// <returns>The logical bytes.</returns>
    public static long MeasureLogical(ImageRepository repository, string series)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return repository.ListImages().Where(i => i.Series == series).Sum(i => i.Disks.Sum(d => d.Capacity));
    }

    /// <summary>Bytes of all chunk files of <paramref name="repository"/> (reads every pack index, no chunk).</summary>
    /// <param name="repository">The open repository.</param>
    /// <returns>The stored bytes.</returns>
    public static long MeasureStored(ImageRepository repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return repository.Objects.Enumerate().Sum(o => o.Length);
    }
}
