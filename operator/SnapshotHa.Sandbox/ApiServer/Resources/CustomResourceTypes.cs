using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace SnapshotHa.Sandbox.ApiServer.Resources;

/// <summary>Turns CustomResourceDefinitions into served resource types, one per served version.</summary>
internal static class CustomResourceTypes
{
    /// <summary>
    /// The resource types of <paramref name="crd"/>. Throws <see cref="ArgumentException"/> naming the field when the
    /// definition lacks its group, names or versions.
    /// </summary>
    public static IEnumerable<ResourceType> From(V1CustomResourceDefinition crd)
    {
        var spec = crd.Spec ?? throw new ArgumentException($"CustomResourceDefinition {crd.Metadata?.Name}: spec is required", nameof(crd));
        var names = spec.Names ?? throw new ArgumentException($"CustomResourceDefinition {crd.Metadata?.Name}: spec.names is required", nameof(crd));
        if (string.IsNullOrEmpty(spec.Group) || string.IsNullOrEmpty(names.Plural) || string.IsNullOrEmpty(names.Kind))
        {
            throw new ArgumentException($"CustomResourceDefinition {crd.Metadata?.Name}: spec.group, spec.names.plural and spec.names.kind are required", nameof(crd));
        }

        foreach (var version in spec.Versions ?? [])
        {
            if (version.Served == false)
            {
                continue;
            }

            var schema = version.Schema?.OpenAPIV3Schema is { } props
                ? JsonNode.Parse(KubernetesJson.Serialize(props)) as JsonObject
                : null;
            yield return new ResourceType(
                spec.Group,
                version.Name,
                names.Kind,
                names.Plural,
                string.IsNullOrEmpty(names.Singular) ? names.Kind.ToLowerInvariant() : names.Singular,
                !string.Equals(spec.Scope, "Cluster", StringComparison.Ordinal),
                names.ShortNames?.ToArray() ?? [],
                names.Categories?.ToArray() ?? [],
                version.Subresources?.Status is not null,
                TracksGeneration: true,
                Columns(version),
                version.SelectableFields?.Select(f => f.JsonPath.TrimStart('.')).ToArray() ?? [],
                schema,
                IsCustom: true);
        }
    }

    private static PrinterColumn[] Columns(V1CustomResourceDefinitionVersion version)
    {
        if (version.AdditionalPrinterColumns is not { Count: > 0 } columns)
        {
            return [BuiltInResourceTypes.Age];
        }

        return columns
            .Select(c => new PrinterColumn(c.Name, c.Type, c.JsonPath, c.Description ?? string.Empty, c.Priority ?? 0, c.Format ?? string.Empty))
            .ToArray();
    }
}
