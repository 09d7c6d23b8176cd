using SnapshotHa.Repository.Merging;

namespace SnapshotHa.RepositoryCli;

/// <summary>Writes merge progress to stderr at most once a second, and once when each disk finishes.</summary>
public sealed class MergeProgressWriter(TextWriter error, TimeProvider timeProvider) : IProgress<MergeProgress>
{
    private long _lastReport = timeProvider.GetTimestamp();

    /// <inheritdoc />
    public void Report(MergeProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Done && timeProvider.GetElapsedTime(_lastReport) < TimeSpan.FromSeconds(1))
        {
            return;
        }

        _lastReport = timeProvider.GetTimestamp();
        error.WriteLine($"{value.DiskKey}: {value.BytesApplied / (1024.0 * 1024.0):F1} MiB applied{(value.Done ? ", done" : string.Empty)}");
    }
}
