namespace SnapshotHa.Vim.Tests.Simulator;

/// <summary>Finds the repository root (the directory holding SnapshotHa.sln) from the test binaries.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SnapshotHa.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No SnapshotHa.sln above {AppContext.BaseDirectory}.");
    }
}
