using System.Text.Json.Serialization;

namespace SnapshotHa.RepositoryCli;

/// <summary>The source-generated JSON form of <see cref="MergeJobResult"/> (camelCase, indented).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(MergeJobResult))]
internal sealed partial class MergeResultJsonContext : JsonSerializerContext;
