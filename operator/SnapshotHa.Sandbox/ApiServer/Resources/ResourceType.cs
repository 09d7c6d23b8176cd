using System.Text.Json.Nodes;

namespace SnapshotHa.Sandbox.ApiServer.Resources;

/// <summary>One served resource of one group version: its names, scope, subresources, printer columns and schema.</summary>
/// <param name="Group">API group; empty for the core group.</param>
/// <param name="Version">Served version, e.g. <c>v1alpha1</c>.</param>
/// <param name="Kind">Kind, e.g. <c>ProtectedVM</c>.</param>
/// <param name="Plural">Resource name in URLs, e.g. <c>protectedvms</c>.</param>
/// <param name="Singular">Singular name, e.g. <c>protectedvm</c>.</param>
/// <param name="Namespaced">Whether objects live in a namespace.</param>
/// <param name="ShortNames">Short names kubectl accepts.</param>
/// <param name="Categories">Categories such as <c>all</c> or <c>snapshotha</c>.</param>
/// <param name="HasStatusSubresource">Whether <c>/status</c> is served and the main endpoint ignores status.</param>
/// <param name="TracksGeneration">Whether <c>metadata.generation</c> is kept and bumped on spec changes.</param>
/// <param name="PrinterColumns">Columns of the server-side table, after Name.</param>
/// <param name="SelectableFields">Field-selector labels besides metadata.name and metadata.namespace.</param>
/// <param name="Schema">The OpenAPI v3 schema of the object, when known.</param>
/// <param name="IsCustom">Whether the resource comes from a CustomResourceDefinition.</param>
internal sealed record ResourceType(
    string Group,
    string Version,
    string Kind,
    string Plural,
    string Singular,
    bool Namespaced,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Categories,
    bool HasStatusSubresource,
    bool TracksGeneration,
    IReadOnlyList<PrinterColumn> PrinterColumns,
    IReadOnlyList<string> SelectableFields,
    JsonObject? Schema,
    bool IsCustom)
{
    /// <summary>The apiVersion of objects of this resource, e.g. <c>v1</c> or <c>snapshotha.io/v1alpha1</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The group-qualified resource as kube error messages spell it, e.g. <c>protectedvms.snapshotha.io</c>.</summary>
    public string GroupResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The group-qualified kind as validation messages spell it, e.g. <c>ProtectedVM.snapshotha.io</c>.</summary>
    public string GroupKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";

    /// <summary>The storage key shared by every version of the resource.</summary>
    public string StorageKey => $"{Group}/{Plural}";
}
