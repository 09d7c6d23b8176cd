using System.Text.Json.Nodes;

namespace SnapshotHa.Sandbox.ApiServer.Validation;

/// <summary>Finds the fields pruning removed, by comparing an object before and after.</summary>
internal static class UnknownFields
{
    /// <summary>The dotted paths (<c>spec.extra</c>, <c>spec.items[0].x</c>) present in <paramref name="before"/> but not in <paramref name="after"/>.</summary>
    public static IReadOnlyList<string> Removed(JsonNode? before, JsonNode? after)
    {
        var removed = new List<string>();
        Visit(before, after, string.Empty, removed);
        return removed;
    }

    private static void Visit(JsonNode? before, JsonNode? after, string path, List<string> removed)
    {
        switch (before, after)
        {
            case (JsonObject b, JsonObject a):
                foreach (var (name, value) in b)
                {
                    var child = path.Length == 0 ? name : $"{path}.{name}";
                    if (!a.ContainsKey(name))
                    {
                        removed.Add(child);
                    }
                    else
                    {
                        Visit(value, a[name], child, removed);
                    }
                }

                break;
            case (JsonArray b, JsonArray a):
                for (var i = 0; i < Math.Min(b.Count, a.Count); i++)
                {
                    Visit(b[i], a[i], $"{path}[{i}]", removed);
                }

                break;
        }
    }
}
