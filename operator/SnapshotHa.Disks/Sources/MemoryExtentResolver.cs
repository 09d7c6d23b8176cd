namespace SnapshotHa.Disks.Sources;

/// <summary>Resolves file names to in-memory files: for tests and fuzzing.</summary>
/// <param name="files">File contents by exact name.</param>
public sealed class MemoryExtentResolver(IReadOnlyDictionary<string, byte[]> files) : IExtentResolver
{
    /// <inheritdoc />
    public ValueTask<IRandomAccessSource> OpenAsync(string relativeName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(relativeName);
        cancellationToken.ThrowIfCancellationRequested();
        return files.TryGetValue(relativeName, out var content)
            ? ValueTask.FromResult<IRandomAccessSource>(new MemorySource(relativeName, content))
            : throw new FileNotFoundException($"File '{relativeName}' does not exist", relativeName);
    }
}
