using k8s.Models;
using SnapshotHa.Kube.Validation;

namespace SnapshotHa.Sandbox.ApiServer;

/// <summary>Reads CustomResourceDefinitions from YAML files.</summary>
public static class CrdFiles
{
    /// <summary>
    /// Every CustomResourceDefinition in the <c>*.yaml</c>/<c>*.yml</c> files of <paramref name="directory"/> (other kinds are
    /// skipped), in file name order. Throws <see cref="DirectoryNotFoundException"/> for a missing directory and
    /// <see cref="InvalidDataException"/> naming the file that does not parse.
    /// </summary>
    public static Task<IReadOnlyList<V1CustomResourceDefinition>> LoadAsync(string directory, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(CrdLoader.LoadDirectory(directory));
    }

    /// <summary>
    /// The <c>crds</c> directory of the repository holding <paramref name="start"/>: the first ancestor (or itself) with a
    /// <c>crds</c> subdirectory next to a <c>SnapshotHa.sln</c>; null when there is none.
    /// </summary>
    public static string? FindRepositoryCrds(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var crds = Path.Combine(dir.FullName, "crds");
            if (Directory.Exists(crds) && File.Exists(Path.Combine(dir.FullName, "SnapshotHa.sln")))
            {
                return crds;
            }
        }

        return null;
    }
}
