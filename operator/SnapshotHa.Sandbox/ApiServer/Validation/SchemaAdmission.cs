using System.Text.Json.Nodes;
using k8s.Models;
using SnapshotHa.Kube.Validation;
using SnapshotHa.Sandbox.ApiServer.Resources;

namespace SnapshotHa.Sandbox.ApiServer.Validation;

/// <summary>
/// Admission of custom resources as kube-apiserver does it with a structural schema: prune unknown fields, apply
/// defaults, then validate (OpenAPI keywords and CEL rules, transition rules on updates) with
/// <see cref="CustomResourceSchema"/>. Built-in kinds are admitted as they are.
/// </summary>
internal sealed class SchemaAdmission : IObjectAdmission
{
    private readonly Dictionary<string, CustomResourceSchema> _schemas = new(StringComparer.Ordinal);

    /// <summary>Compiles the schemas of <paramref name="crds"/>; throws <see cref="ArgumentException"/> for a CRD whose schema or rules do not compile.</summary>
    public SchemaAdmission(IEnumerable<V1CustomResourceDefinition> crds)
    {
        foreach (var crd in crds)
        {
            _schemas[$"{crd.Spec.Group}/{crd.Spec.Names.Plural}"] = CustomResourceSchema.FromCrd(crd);
        }
    }

    /// <inheritdoc />
    public AdmissionResult Admit(ResourceType type, JsonObject obj, JsonObject? old)
    {
        if (!_schemas.TryGetValue(type.StorageKey, out var schema))
        {
            return AdmissionResult.Clean;
        }

        var submitted = obj.DeepClone();
        schema.PruneUnknownFields(obj);
        var unknown = UnknownFields.Removed(submitted, obj);
        schema.ApplyDefaults(obj);
        return new AdmissionResult(schema.Validate(obj, old), unknown);
    }
}
