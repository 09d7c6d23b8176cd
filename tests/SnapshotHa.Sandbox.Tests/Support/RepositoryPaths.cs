namespace SnapshotHa.Sandbox.Tests.Support;

public static class RepositoryPaths
{
    /// <summary>The repository root: the first ancestor of the test binaries holding SnapshotHa.sln.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SnapshotHa.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No SnapshotHa.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>The real kubectl: $SNAPSHOTHA_KUBECTL, else hack/.cache/tools/kubectl/kubectl (installed by hack/setup.sh).</summary>
    public static string Kubectl()
    {
        var configured = Environment.GetEnvironmentVariable("SNAPSHOTHA_KUBECTL");
        var path = string.IsNullOrEmpty(configured)
            ? Path.Combine(Environment.GetEnvironmentVariable("SNAPSHOTHA_CACHE") ?? Path.Combine(Root(), "hack", ".cache"), "tools", "kubectl", "kubectl")
            : configured;
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"kubectl not found at {path}: run `bash hack/setup.sh` (hack/setup.d/30-kube-tools.sh) or set SNAPSHOTHA_KUBECTL");
    }
}
