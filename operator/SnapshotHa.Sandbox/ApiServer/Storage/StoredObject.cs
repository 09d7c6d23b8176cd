using System.Text.Json.Nodes;
using SnapshotHa.Sandbox.ApiServer.Resources;

namespace SnapshotHa.Sandbox.ApiServer.Storage;

/// <summary>An immutable snapshot of one stored object, kept as its serialized JSON.</summary>
/// <param name="Type">The resource type (version) that last wrote the object.</param>
/// <param name="Namespace">Namespace, or null for cluster-scoped objects.</param>
/// <param name="Name">Object name.</param>
/// <param name="Uid">metadata.uid.</param>
/// <param name="ResourceVersion">metadata.resourceVersion as a number.</param>
/// <param name="Json">The object serialized as UTF-8 JSON.</param>
internal sealed record StoredObject(ResourceType Type, string? Namespace, string Name, string Uid, long ResourceVersion, byte[] Json)
{
    /// <summary>A fresh mutable copy of the object.</summary>
    public JsonObject ToNode() => JsonNode.Parse(Json)!.AsObject();

    /// <summary>A fresh copy as served at <paramref name="servedAs"/>'s apiVersion (versions share one storage, no conversion).</summary>
    public JsonObject ToNode(ResourceType servedAs)
    {
        var node = ToNode();
        node["apiVersion"] = servedAs.ApiVersion;
        return node;
    }
}
