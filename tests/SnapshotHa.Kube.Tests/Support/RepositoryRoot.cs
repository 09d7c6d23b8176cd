namespace SnapshotHa.Tests.Support;

/// <summary>Finds the repository root: the nearest directory above the test binaries that holds SnapshotHa.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "SnapshotHa.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No SnapshotHa.sln above {AppContext.BaseDirectory}.");
    }
}
