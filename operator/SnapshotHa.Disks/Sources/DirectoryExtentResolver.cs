namespace SnapshotHa.Disks.Sources;

/// <summary>
/// Opens files named relative to one local directory. Refuses absolute names, <c>..</c> segments and names that
/// resolve (also through symbolic links) outside the directory.
/// </summary>
public sealed class DirectoryExtentResolver : IExtentResolver
{
    private readonly string _root;

    /// <summary>Creates a resolver for <paramref name="directory"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public DirectoryExtentResolver(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"Directory '{full}' does not exist");
        }

        _root = ResolveFinal(full);
        Directory = full;
    }

    /// <summary>Gets the full path of the directory names are resolved in.</summary>
    public string Directory { get; }

    /// <inheritdoc />
    /// <exception cref="UnauthorizedAccessException">The name is absolute, contains <c>..</c> or escapes the directory.</exception>
    public ValueTask<IRandomAccessSource> OpenAsync(string relativeName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = ResolvePath(relativeName);
        return ValueTask.FromResult<IRandomAccessSource>(FileSource.Open(path));
    }

    /// <summary>Returns the full path <paramref name="relativeName"/> names inside the directory.</summary>
    /// <exception cref="UnauthorizedAccessException">The name is absolute, contains <c>..</c> or escapes the directory.</exception>
    public string ResolvePath(string relativeName)
    {
        ArgumentNullException.ThrowIfNull(relativeName);
        if (relativeName.Length == 0 || relativeName.Contains('\0', StringComparison.Ordinal))
        {
            throw new UnauthorizedAccessException($"File name '{relativeName}' is empty or contains NUL");
        }

        if (Path.IsPathRooted(relativeName) || relativeName.Split('/', '\\').Any(s => s == ".."))
        {
            throw new UnauthorizedAccessException($"File name '{relativeName}' is absolute or contains '..': only names inside '{Directory}' are allowed");
        }

        var full = Path.GetFullPath(Path.Combine(Directory, relativeName));
        if (!IsInside(full, Directory) || !IsInside(ResolveFinal(full), _root))
        {
            throw new UnauthorizedAccessException($"File name '{relativeName}' resolves outside '{Directory}'");
        }

        return full;
    }

    private static bool IsInside(string path, string root) =>
        path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>Resolves symbolic links in every existing component of <paramref name="path"/>.</summary>
    private static string ResolveFinal(string path)
    {
        var parent = Path.GetDirectoryName(path);
        var resolvedParent = parent is null ? null : ResolveFinal(parent);
        var combined = resolvedParent is null ? path : Path.Combine(resolvedParent, Path.GetFileName(path));
        FileSystemInfo info = System.IO.Directory.Exists(combined) ? new DirectoryInfo(combined) : new FileInfo(combined);
        var target = info.Exists ? info.ResolveLinkTarget(returnFinalTarget: true) : null;
        return target is null ? combined : ResolveFinal(Path.GetFullPath(target.FullName));
    }
}
