using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace SnapshotHa.Repository.Manifests;

/// <summary>The JSON form of manifests and the repository configuration.</summary>
internal static class ManifestSerializer
{
    /// <summary>Compact, fixed property order: the form image ids are derived from.</summary>
    public static readonly JsonSerializerOptions Canonical = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        TypeInfoResolver = ManifestJsonContext.Default,
    };

    /// <summary>Indented, for files people read.</summary>
    public static readonly JsonSerializerOptions Indented = new(Canonical) { WriteIndented = true };

    // Typed metadata of the two forms: the JsonSerializer overloads that take a JsonTypeInfo need no reflection, so
    // the repository also runs in the Native AOT `snapshotha` (operator/SnapshotHa.Native).

    /// <summary>An image manifest in the <see cref="Canonical"/> form.</summary>
    public static readonly JsonTypeInfo<ImageManifest> CanonicalManifest = TypeInfo<ImageManifest>(Canonical);

    /// <summary>An image manifest in the <see cref="Indented"/> form.</summary>
    public static readonly JsonTypeInfo<ImageManifest> IndentedManifest = TypeInfo<ImageManifest>(Indented);

    /// <summary>The repository configuration in the <see cref="Canonical"/> form.</summary>
    public static readonly JsonTypeInfo<RepositoryFormat> CanonicalFormat = TypeInfo<RepositoryFormat>(Canonical);

    /// <summary>The repository configuration in the <see cref="Indented"/> form.</summary>
    public static readonly JsonTypeInfo<RepositoryFormat> IndentedFormat = TypeInfo<RepositoryFormat>(Indented);

    private static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}
