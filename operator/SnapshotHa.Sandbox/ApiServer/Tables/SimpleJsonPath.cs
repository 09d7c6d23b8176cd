using System.Globalization;
using System.Text.Json.Nodes;

namespace SnapshotHa.Sandbox.ApiServer.Tables;

/// <summary>
/// Evaluates the simple JSONPath expressions printer columns use: <c>.a.b</c>, <c>.a[0].b</c>, <c>.a['x.y']</c> and
/// <c>.a[?(@.type=="Ready")].status</c> (first match), optionally wrapped in <c>{}</c>.
/// </summary>
internal static class SimpleJsonPath
{
    /// <summary>The value at <paramref name="path"/> in <paramref name="root"/>, or null when absent or unsupported.</summary>
    public static JsonNode? Evaluate(JsonNode? root, string path)
    {
        var text = path.Trim();
        if (text.StartsWith('{') && text.EndsWith('}'))
        {
            text = text[1..^1];
        }

        var node = root;
        var i = 0;
        while (i < text.Length && node is not null)
        {
            switch (text[i])
            {
                case '$':
                    i++;
                    break;
                case '.':
                    var end = i + 1;
                    while (end < text.Length && text[end] is not ('.' or '['))
                    {
                        end++;
                    }

                    node = (node as JsonObject)?[text[(i + 1)..end]];
                    i = end;
                    break;
                case '[':
                    var close = FindClose(text, i);
                    if (close < 0)
                    {
                        return null;
                    }

                    node = Index(node, text[(i + 1)..close]);
                    i = close + 1;
                    break;
                default:
                    return null;
            }
        }

        return node;
    }

    private static int FindClose(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            depth += text[i] switch { '[' or '(' => 1, ']' or ')' => -1, _ => 0 };
            if (depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static JsonNode? Index(JsonNode node, string selector)
    {
        if (selector.StartsWith("?(", StringComparison.Ordinal) && selector.EndsWith(')'))
        {
            var condition = selector[2..^1];
            var eq = condition.IndexOf("==", StringComparison.Ordinal);
            if (eq < 0 || !condition.StartsWith('@'))
            {
                return null;
            }

            var field = condition[1..eq].Trim();
            var expected = condition[(eq + 2)..].Trim().Trim('"', '\'');
            return (node as JsonArray)?.FirstOrDefault(item => Text(Evaluate(item, field)) == expected);
        }

        if (int.TryParse(selector, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var at) && node is JsonArray array)
        {
            at = at < 0 ? array.Count + at : at;
            return at >= 0 && at < array.Count ? array[at] : null;
        }

        return (node as JsonObject)?[selector.Trim('\'', '"')];
    }

    /// <summary>A scalar as text (strings unquoted), other nodes as JSON.</summary>
    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}
