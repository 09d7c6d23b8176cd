using k8s;
using k8s.Models;
using YamlDotNet.RepresentationModel;

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

    /// <summary>Reads the CustomResourceDefinitions of one YAML file (documents of other kinds are skipped).</summary>
    /// <exception cref="InvalidDataException">The file is not valid Kubernetes YAML; the message names the file.</exception>
    public static IReadOnlyList<V1CustomResourceDefinition> LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(path)));
            return [.. stream.Documents.Where(IsCustomResourceDefinition).Select(ToDefinition)];
        }
        catch (Exception e) when (e is not (IOException or UnauthorizedAccessException or OutOfMemoryException))
        {
            throw new InvalidDataException($"{path} is not valid Kubernetes YAML: {e.Message}", e);
        }
    }

    private static bool IsCustomResourceDefinition(YamlDocument document) =>
        document.RootNode is YamlMappingNode map
        && Scalar(map, "kind") == "CustomResourceDefinition"
        && Scalar(map, "apiVersion") == "apiextensions.k8s.io/v1";

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? (node as YamlScalarNode)?.Value : null;

    private static V1CustomResourceDefinition ToDefinition(YamlDocument document)
    {
        var text = new StringWriter();
        new YamlStream(document).Save(text, assignAnchors: false);
        return KubernetesYaml.Deserialize<V1CustomResourceDefinition>(text.ToString());
    }
}
