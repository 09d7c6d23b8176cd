using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SnapshotHa.Kube.Validation;

/// <summary>
/// Converts what KubernetesClient models hold (typed models, YAML-loaded dictionaries, JsonElements, boxed scalars)
/// into <see cref="JsonNode"/>, whatever the CRD was loaded from.
/// </summary>
internal static class JsonValues
{
    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        byte or sbyte or short or ushort or int or uint or long => JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        ulong u => JsonValue.Create(u),
        float or double or decimal => JsonValue.Create(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        DateTime time => JsonValue.Create(time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        IDictionary dictionary => DictionaryNode(dictionary),
        IEnumerable list => new JsonArray([.. list.Cast<object?>().Select(ToNode)]),
        _ => ModelNode(value),
    };

    private static JsonObject DictionaryNode(IDictionary dictionary)
    {
        var result = new JsonObject();
        foreach (DictionaryEntry entry in dictionary)
        {
            result[Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!] = ToNode(entry.Value);
        }

        return result;
    }

    /// <summary>A KubernetesClient model: its properties carrying <see cref="JsonPropertyNameAttribute"/>, nulls left out.</summary>
    private static JsonObject ModelNode(object model)
    {
        var result = new JsonObject();
        foreach (var property in model.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
            if (name is null || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var value = property.GetValue(model);
            if (value is not null)
            {
                result[name] = ToNode(value);
            }
        }

        return result;
    }
}
