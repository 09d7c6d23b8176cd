using System.Text.Json;
using System.Text.Json.Nodes;
using SnapshotHa.Sandbox.ApiServer.Patching;
using k8s;
using k8s.Models;

namespace SnapshotHa.Sandbox.ApiServer;

/// <summary>Reads CustomResourceDefinitions from YAML files.</summary>
public static class CrdFiles
{
    /// <summary>
    /// Every CustomResourceDefinition in the <c>*.yaml</c>/<c>*.yml</c> files of <paramref name="directory"/> (other kinds are
    /// skipped), in file name order. Throws <see cref="DirectoryNotFoundException"/> for a missing directory and
    /// <see cref="InvalidDataException"/> naming the file that does not parse.
    /// </summary>
    public static async Task<IReadOnlyList<V1CustomResourceDefinition>> LoadAsync(string directory, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"CRD directory {directory} does not exist");
        }

        var files = Directory.EnumerateFiles(directory)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        var crds = new List<V1CustomResourceDefinition>();
        foreach (var file in files)
        {
            try
            {
                foreach (var document in YamlJson.ParseAll(await File.ReadAllTextAsync(file, cancellationToken)).OfType<JsonObject>())
                {
                    if (document["kind"]?.ToString() == "CustomResourceDefinition" && document["apiVersion"]?.ToString() == "apiextensions.k8s.io/v1")
                    {
                        crds.Add(KubernetesJson.Deserialize<V1CustomResourceDefinition>(document.ToJsonString()));
                    }
                }
            }
            catch (Exception e) when (e is YamlDotNet.Core.YamlException or JsonException)
            {
                throw new InvalidDataException($"{file}: not a readable Kubernetes YAML file: {e.Message}", e);
            }
        }

        return crds;
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
