using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SnapshotHa.Sandbox.ApiServer.Resources;

namespace SnapshotHa.Sandbox.ApiServer.Watch;

/// <summary>Serializes watch events as kube-apiserver streams them: one <c>{"type":...,"object":...}</c> JSON line each.</summary>
internal static class WatchEventWriter
{
    /// <summary>The line for <paramref name="watchEvent"/> served as <paramref name="servedAs"/>.</summary>
    public static byte[] Line(WatchEvent watchEvent, ResourceType servedAs)
    {
        if (watchEvent.Object is null)
        {
            return Line(watchEvent.Type, new JsonObject
            {
                ["kind"] = servedAs.Kind,
                ["apiVersion"] = servedAs.ApiVersion,
                ["metadata"] = new JsonObject { ["resourceVersion"] = watchEvent.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            });
        }

        var json = watchEvent.Object.Type.ApiVersion == servedAs.ApiVersion
            ? watchEvent.Object.Json
            : JsonSerializer.SerializeToUtf8Bytes(watchEvent.Object.ToNode(servedAs));
        return Line(watchEvent.Type, json);
    }

    /// <summary>The line for an event carrying <paramref name="obj"/> (an ERROR event carries a Status).</summary>
    public static byte[] Line(string type, JsonObject obj) => Line(type, JsonSerializer.SerializeToUtf8Bytes(obj));

    private static byte[] Line(string type, byte[] objectJson)
    {
        var prefix = Encoding.UTF8.GetBytes($"{{\"type\":\"{type}\",\"object\":");
        var line = new byte[prefix.Length + objectJson.Length + 2];
        prefix.CopyTo(line, 0);
        objectJson.CopyTo(line, prefix.Length);
        line[^2] = (byte)'}';
        line[^1] = (byte)'\n';
        return line;
    }
}
