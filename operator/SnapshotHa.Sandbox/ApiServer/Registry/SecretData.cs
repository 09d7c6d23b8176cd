using System.Text;
using System.Text.Json.Nodes;
using SnapshotHa.Sandbox.ApiServer.Resources;

namespace SnapshotHa.Sandbox.ApiServer.Registry;

/// <summary>What kube-apiserver does to a Secret's <c>stringData</c>: merges it into <c>data</c> as base64 and drops it.</summary>
internal static class SecretData
{
    /// <summary>Folds <c>stringData</c> into <c>data</c> when <paramref name="type"/> is the core Secret; other kinds are untouched.</summary>
    public static void Normalize(ResourceType type, JsonObject obj)
    {
        if (type is not { Group: "", Kind: "Secret" })
        {
            return;
        }

        if (obj["stringData"] is not JsonObject stringData)
        {
            obj.Remove("stringData");
            return;
        }

        var data = obj["data"] as JsonObject ?? [];
        obj["data"] = data;
        foreach (var (key, value) in stringData)
        {
            data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(ObjectFields.AsString(value) ?? string.Empty));
        }

        obj.Remove("stringData");
    }
}
