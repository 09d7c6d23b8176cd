using System.Text.Json.Serialization;

namespace SnapshotHa.Repository.Manifests;

/// <summary>
/// Compile-time JSON metadata of manifests and the repository configuration: a merge process reads and writes one
/// or two documents, so reflection-based metadata would cost more start-up time than the work itself.
/// </summary>
[JsonSerializable(typeof(ImageManifest))]
[JsonSerializable(typeof(RepositoryFormat))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
