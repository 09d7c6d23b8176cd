using System.Text.Json.Nodes;
using SnapshotHa.Sandbox.ApiServer.Resources;

namespace SnapshotHa.Sandbox.ApiServer.Discovery;

/// <summary>The unaggregated discovery documents: /version, /api, /apis, /apis/group and the resource lists.</summary>
internal sealed class DiscoveryDocuments(ResourceCatalog catalog)
{
    private static readonly string[] ObjectVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    private static readonly string[] StatusVerbs = ["get", "patch", "update"];

    /// <summary>/version: reports the Kubernetes version whose protocol is imitated.</summary>
    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.3-snapshotha-sandbox",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2025-03-11T00:00:00Z",
        ["goVersion"] = "go1.23.6",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    /// <summary>/api: the core group's versions.</summary>
    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    /// <summary>/apis: every non-core group.</summary>
    public JsonObject Groups() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(catalog.Groups().Select(g => (JsonNode)Group(g)).ToArray()),
    };

    /// <summary>/apis/group, or null when the group is not served.</summary>
    public JsonObject? GroupDocument(string group) =>
        catalog.Groups().Contains(group) ? WithKind(Group(group), "APIGroup") : null;

    /// <summary>/api/v1 or /apis/group/version: the resources with verbs, short names and categories; null when not served.</summary>
    public JsonObject? Resources(string group, string version)
    {
        var types = catalog.InGroupVersion(group, version);
        if (types.Count == 0)
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var type in types)
        {
            var resource = new JsonObject
            {
                ["name"] = type.Plural,
                ["singularName"] = type.Singular,
                ["namespaced"] = type.Namespaced,
                ["kind"] = type.Kind,
                ["verbs"] = Strings(ObjectVerbs),
            };
            if (type.ShortNames.Count > 0)
            {
                resource["shortNames"] = Strings(type.ShortNames);
            }

            if (type.Categories.Count > 0)
            {
                resource["categories"] = Strings(type.Categories);
            }

            resources.Add(resource);
            if (type.HasStatusSubresource)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = type.Plural + "/status",
                    ["singularName"] = string.Empty,
                    ["namespaced"] = type.Namespaced,
                    ["kind"] = type.Kind,
                    ["verbs"] = Strings(StatusVerbs),
                });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = types[0].ApiVersion,
            ["resources"] = resources,
        };
    }

    private JsonObject Group(string group)
    {
        var versions = catalog.Versions(group)
            .Select(v => (JsonNode)new JsonObject { ["groupVersion"] = $"{group}/{v}", ["version"] = v })
            .ToArray();
        return new JsonObject
        {
            ["name"] = group,
            ["versions"] = new JsonArray(versions),
            ["preferredVersion"] = versions[0].DeepClone(),
        };
    }

    private static JsonObject WithKind(JsonObject document, string kind)
    {
        var result = new JsonObject { ["kind"] = kind, ["apiVersion"] = "v1" };
        foreach (var (key, value) in document.ToArray())
        {
            document.Remove(key);
            result[key] = value;
        }

        return result;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
}
