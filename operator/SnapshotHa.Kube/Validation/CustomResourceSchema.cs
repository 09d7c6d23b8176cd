using System.Text.Json.Nodes;
using k8s.Models;

namespace SnapshotHa.Kube.Validation;

/// <summary>
/// Validates, defaults and prunes custom resources against their CRD the way kube-apiserver does, so that an
/// in-process API server answers 422 with the same causes. Typical order on create and update:
/// <see cref="PruneUnknownFields"/>, <see cref="ApplyDefaults"/>, then <see cref="Validate"/>.
/// Instances are immutable after <see cref="FromCrd"/> and safe to share between threads.
/// </summary>
public sealed class CustomResourceSchema
{
    private readonly Dictionary<string, VersionValidator> _versions;

    private CustomResourceSchema(string group, string kind, Dictionary<string, VersionValidator> versions)
    {
        Group = group;
        Kind = kind;
        _versions = versions;
    }

    /// <summary>The API group.</summary>
    public string Group { get; }

    /// <summary>The kind.</summary>
    public string Kind { get; }

    /// <summary>The served versions, in CRD order.</summary>
    public IReadOnlyCollection<string> Versions => _versions.Keys;

    /// <summary>Compiles the schemas and CEL rules of every served version of <paramref name="crd"/>.</summary>
    /// <exception cref="ArgumentException">The CRD lacks group, kind or a version schema, or a CEL rule does not parse.</exception>
    public static CustomResourceSchema FromCrd(V1CustomResourceDefinition crd)
    {
        ArgumentNullException.ThrowIfNull(crd);
        var name = crd.Metadata?.Name ?? "the CRD";
        if (crd.Spec?.Group is not { Length: > 0 } group || crd.Spec.Names?.Kind is not { Length: > 0 } kind)
        {
            throw new ArgumentException($"{name} has no spec.group or spec.names.kind.", nameof(crd));
        }

        var versions = new Dictionary<string, VersionValidator>(StringComparer.Ordinal);
        foreach (var version in crd.Spec.Versions ?? [])
        {
            if (version.Served != true)
            {
                continue;
            }

            if (JsonValues.ToNode(version.Schema?.OpenAPIV3Schema) is not JsonObject schema)
            {
                throw new ArgumentException($"{name} version {version.Name} has no openAPIV3Schema.", nameof(crd));
            }

            versions[version.Name] = new VersionValidator(name, version.Name, schema);
        }

        return versions.Count > 0
            ? new CustomResourceSchema(group, kind, versions)
            : throw new ArgumentException($"{name} serves no version.", nameof(crd));
    }

    /// <summary>
    /// Validates <paramref name="obj"/> against the schema of its <c>apiVersion</c>: OpenAPI keywords (via JsonSchema.Net),
    /// list-type uniqueness, then the CEL rules (skipped, as kube-apiserver does, when a value has the wrong type or an
    /// unsupported enum value). With <paramref name="oldObj"/> (an update) transition rules using <c>oldSelf</c> run too.
    /// Defaults are not applied here; call <see cref="ApplyDefaults"/> first.
    /// </summary>
    /// <returns>The field errors, empty when the object is valid.</returns>
    public IReadOnlyList<FieldError> Validate(JsonNode obj, JsonNode? oldObj = null)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var errors = new List<FieldError>();
        if (obj is not JsonObject)
        {
            errors.Add(new FieldError("", FieldErrorTypes.TypeInvalid, $"Invalid value: \"{KubeFormat.TypeOf(obj)}\": body must be of type object: \"{KubeFormat.TypeOf(obj)}\""));
            return errors;
        }

        if (VersionOf(obj, errors) is not { } validator)
        {
            return errors;
        }

        if (obj["kind"] is not JsonValue kindValue || kindValue.GetValueKind() != System.Text.Json.JsonValueKind.String || kindValue.GetValue<string>() != Kind)
        {
            errors.Add(obj["kind"] is null
                ? new FieldError("kind", FieldErrorTypes.Required, "Required value")
                : new FieldError("kind", FieldErrorTypes.NotSupported, $"Unsupported value: {KubeFormat.Value(obj["kind"])}: supported values: \"{Kind}\""));
            return errors;
        }

        validator.Validate(obj, oldObj, errors);
        return errors;
    }

    /// <summary>Fills in schema defaults in place. Objects of an unknown apiVersion are left unchanged.</summary>
    public void ApplyDefaults(JsonNode obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (VersionOf(obj, null) is { } validator)
        {
            SchemaDefaulter.Apply(validator.Structural, obj);
        }
    }

    /// <summary>Removes fields the schema does not declare, in place. Objects of an unknown apiVersion are left unchanged.</summary>
    public void PruneUnknownFields(JsonNode obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (VersionOf(obj, null) is { } validator)
        {
            SchemaPruner.Prune(validator.Structural, obj, true);
        }
    }

    private VersionValidator? VersionOf(JsonNode obj, List<FieldError>? errors)
    {
        var apiVersion = obj["apiVersion"] is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : null;
        var slash = apiVersion?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (apiVersion is not null && slash > 0 && apiVersion[..slash] == Group && _versions.TryGetValue(apiVersion[(slash + 1)..], out var validator))
        {
            return validator;
        }

        errors?.Add(apiVersion is null
            ? new FieldError("apiVersion", FieldErrorTypes.Required, "Required value")
            : new FieldError("apiVersion", FieldErrorTypes.NotSupported,
                $"Unsupported value: {KubeFormat.Value(obj["apiVersion"])}: supported values: {string.Join(", ", _versions.Keys.Select(v => $"\"{Group}/{v}\""))}"));
        return null;
    }
}
