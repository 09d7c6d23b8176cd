using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Sync;

/// <summary>A secondary repository in a local (or mounted) directory; it is itself a valid repository.</summary>
public sealed class DirectorySyncTarget(string root) : ISyncTarget
{
    /// <inheritdoc />
    public string Name { get; } = Path.GetFullPath(root);

    /// <inheritdoc />
    public Task<IReadOnlySet<string>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var directory = Path.Combine(Name, prefix);
        if (Directory.Exists(directory))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
            {
                if (!file.Contains(AtomicFile.TempMarker, StringComparison.Ordinal))
                {
                    keys.Add(Path.GetRelativePath(Name, file).Replace(Path.DirectorySeparatorChar, '/'));
                }
            }
        }

        return Task.FromResult<IReadOnlySet<string>>(keys);
    }

    /// <inheritdoc />
    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(key))
        {
            throw new ArgumentException($"Sync key '{key}' escapes the target directory.", nameof(key));
        }

        var path = Path.Combine(Name, key);
        await AtomicFile.WriteDurableAsync(path, content, cancellationToken);
        var arrived = await File.ReadAllBytesAsync(path, cancellationToken);
        if (!arrived.AsSpan().SequenceEqual(content.Span))
        {
            File.Delete(path);
            throw new IOException($"'{path}' did not read back as written; removed it.");
        }
    }

    /// <inheritdoc />
    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(key))
        {
            throw new ArgumentException($"Sync key '{key}' escapes the target directory.", nameof(key));
        }

        var path = Path.Combine(Name, key);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
