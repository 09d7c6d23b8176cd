using System.Security.Cryptography;
using System.Text.Json;
using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Manifests;

/// <summary>Derives and validates image ids.</summary>
public static class ImageIds
{
    /// <summary>The number of hex digits of an image id.</summary>
    public const int Length = 32;

    /// <summary>
    /// Derives the id of <paramref name="manifest"/> from everything but its id: series, parent id, sequence, point in
    /// time, chunk geometry and each disk's resulting index root (which hashes the parent's content with the merged
    /// layer's). Never from the clock or randomness.
    /// </summary>
    public static string Derive(ImageManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var canonical = JsonSerializer.SerializeToUtf8Bytes(manifest with { Id = string.Empty }, ManifestSerializer.CanonicalManifest);
        return Convert.ToHexStringLower(SHA256.HashData(canonical))[..Length];
    }

    /// <summary>Gets whether <paramref name="id"/> has the form of an image id (so it is safe as a file name).</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: Length } && id.AsSpan().ContainsOnlyLowerHex();
}
