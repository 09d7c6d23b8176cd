namespace SnapshotHa.Repository.Storage;

/// <summary>
/// The repository's writer lock: an exclusive advisory lock (flock on Linux) on the file <c>lock</c>, held while the
/// handle is open, released by the kernel when the process dies. Writers (merge, prune, garbage collection) take it
/// exclusively; so two writers never interleave and collection never races a merge.
/// </summary>
public sealed class RepositoryLock : IDisposable
{
    /// <summary>The lock file name inside a repository.</summary>
    public const string FileName = "lock";

    private readonly FileStream _stream;

    private RepositoryLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock, waiting up to <paramref name="timeout"/> while another writer holds it.</summary>
    /// <exception cref="TimeoutException">Another writer held the lock for the whole timeout.</exception>
    public static async Task<RepositoryLock> AcquireAsync(string repositoryRoot, TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var path = Path.Combine(repositoryRoot, FileName);
        var deadline = timeProvider.GetTimestamp() + (long)(timeout.TotalSeconds * timeProvider.TimestampFrequency);
        while (true)
        {
            try
            {
                return new RepositoryLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (timeProvider.GetTimestamp() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), timeProvider, cancellationToken);
            }
            catch (IOException e)
            {
                throw new TimeoutException($"Repository '{repositoryRoot}' is locked by another writer ({path}); gave up after {timeout}.", e);
            }
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _stream.Dispose();
}
