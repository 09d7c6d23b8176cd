using System.Text.Json;
using System.Text.Json.Serialization;

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
}
