using System.Text.Json.Nodes;
using SnapshotHa.Kube.Validation;
using SnapshotHa.Tests.Support;

namespace SnapshotHa.Api.Tests.Validation;

/// <summary>Admits objects like kube-apiserver against the committed CRDs: prune, default, validate.</summary>
internal static class Admission
{
    private static readonly Lazy<IReadOnlyDictionary<string, CustomResourceSchema>> Schemas = new(() =>
        CrdLoader.LoadDirectory(Path.Combine(RepositoryRoot.Path, "crds"))
            .Select(CustomResourceSchema.FromCrd)
            .ToDictionary(s => s.Kind, StringComparer.Ordinal));

    public static IReadOnlyDictionary<string, CustomResourceSchema> ByKind => Schemas.Value;

    public static CustomResourceSchema SchemaOf(JsonNode obj) => ByKind[obj["kind"]!.GetValue<string>()];

    /// <summary>Prunes and defaults both objects, then validates the new one (as an update when an old one is given).</summary>
    public static IReadOnlyList<FieldError> Admit(JsonNode obj, JsonNode? oldObj = null)
    {
        var schema = SchemaOf(obj);
        foreach (var node in new[] { obj, oldObj }.OfType<JsonNode>())
        {
            schema.PruneUnknownFields(node);
            schema.ApplyDefaults(node);
        }

        return schema.Validate(obj, oldObj);
    }
}
