using SnapshotHa.Repository;

namespace SnapshotHa.Operator.Telemetry;

/// <summary>The size of a ProtectedVM's part of an image repository.</summary>
/// <param name="LogicalBytes">Sum of the disk capacities of the series' images: their size without deduplication.</param>
/// <param name="StoredBytes">Bytes of all chunk files in the repository (every series sharing it).</param>
public sealed record RepositoryUsage(long LogicalBytes, long StoredBytes)
{
    /// <summary>Opens the repository at <paramref name="path"/> and measures it (see <see cref="Measure"/>).</summary>
    /// <param name="path">The repository directory.</param>
    /// <param name="series">The ProtectedVM's series.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>The sizes.</returns>
    public static async Task<RepositoryUsage> MeasureAsync(string path, string series, CancellationToken cancellationToken)
    {
        using var repository = await ImageRepository.OpenAsync(path, create: false, null, cancellationToken);
        return Measure(repository, series);
    }

    /// <summary>Measures a repository: reads the manifests and the sizes of the chunk files (no chunk is read).</summary>
    /// <param name="repository">The open repository.</param>
    /// <param name="series">The ProtectedVM's series.</param>
    /// <returns>The sizes.</returns>
    public static RepositoryUsage Measure(ImageRepository repository, string series)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var logical = repository.ListImages()
            .Where(i => i.Series == series)
            .Sum(i => i.Disks.Sum(d => d.Capacity));
        var stored = repository.Objects.Enumerate().Sum(o => o.Length);
        return new RepositoryUsage(logical, stored);
    }
}
