using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace SnapshotHa.Tests.Support;

/// <summary>Reads YAML documents as JSON, typing unquoted scalars (numbers, booleans) the way kubectl does.</summary>
internal static class YamlDocuments
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build();
    private static readonly ISerializer JsonSerializer = new SerializerBuilder().JsonCompatible().Build();

    /// <summary>Every non-empty document of the text, as JSON.</summary>
    public static IReadOnlyList<JsonNode> Parse(string yaml)
    {
        var documents = new List<JsonNode>();
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        while (parser.Accept<DocumentStart>(out _))
        {
            var value = Deserializer.Deserialize<object?>(parser);
            if (value is not null)
            {
                documents.Add(JsonNode.Parse(JsonSerializer.Serialize(value))!);
            }
        }

        return documents;
    }

    /// <summary>Every non-empty document of a file, as JSON.</summary>
    public static IReadOnlyList<JsonNode> Load(string path) => Parse(File.ReadAllText(path));
}
