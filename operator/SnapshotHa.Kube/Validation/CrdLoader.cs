using k8s;
using k8s.Models;

namespace SnapshotHa.Kube.Validation;

/// <summary>Loads CustomResourceDefinitions from YAML manifests.</summary>
public static class CrdLoader
{
    /// <summary>
    /// Reads every <c>*.yaml</c> and <c>*.yml</c> file of <paramref name="dir"/> (not recursive, kustomization files
    /// skipped, in name order) and returns the CustomResourceDefinitions they hold; other kinds are ignored.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is not valid Kubernetes YAML; the message names the file.</exception>
    public static IReadOnlyList<V1CustomResourceDefinition> LoadDirectory(string dir)
    {
        ArgumentNullException.ThrowIfNull(dir);
        if (!Directory.Exists(dir))
        {
            throw new DirectoryNotFoundException($"The CRD directory {dir} does not exist.");
        }

        var files = Directory.EnumerateFiles(dir)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Where(f => !Path.GetFileNameWithoutExtension(f).Equals("kustomization", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        return [.. files.SelectMany(LoadFile)];
    }

    /// <summary>Reads the CustomResourceDefinitions of one YAML file (other kinds are ignored).</summary>
    /// <exception cref="InvalidDataException">The file is not valid Kubernetes YAML; the message names the file.</exception>
    public static IReadOnlyList<V1CustomResourceDefinition> LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return [.. KubernetesYaml.LoadAllFromString(File.ReadAllText(path)).OfType<V1CustomResourceDefinition>()];
        }
        catch (Exception e) when (e is not (IOException or UnauthorizedAccessException or OutOfMemoryException))
        {
            throw new InvalidDataException($"{path} is not valid Kubernetes YAML: {e.Message}", e);
        }
    }
}
