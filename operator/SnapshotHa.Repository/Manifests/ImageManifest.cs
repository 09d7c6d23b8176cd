using System.Text.Json.Serialization;

namespace SnapshotHa.Repository.Manifests;

/// <summary>
/// A committed image: a restore point of a VM's disks. Immutable once written; its <see cref="Id"/> is derived from
/// its content (see <see cref="ImageIds"/>), so re-running the same merge writes the same manifest.
/// </summary>
/// <param name="Id">The image id: 32 lowercase hex digits.</param>
/// <param name="Series">The series (one protected VM) the image belongs to.</param>
/// <param name="Parent">The image this one was merged onto; null for a seed.</param>
/// <param name="Sequence">0 for a seed, the parent's sequence plus one otherwise.</param>
/// <param name="PointInTime">The point in time the image restores to, as given to the merge.</param>
/// <param name="ChunkSize">The chunk size in bytes of every disk.</param>
/// <param name="IndexFanOut">The number of entries of an index page.</param>
/// <param name="Disks">The disks, ordered by key (ordinal).</param>
public sealed record ImageManifest(
    [property: JsonPropertyOrder(0)] string Id,
    [property: JsonPropertyOrder(1)] string Series,
    [property: JsonPropertyOrder(2)] string? Parent,
    [property: JsonPropertyOrder(3)] long Sequence,
    [property: JsonPropertyOrder(4)] DateTimeOffset? PointInTime,
    [property: JsonPropertyOrder(5)] int ChunkSize,
    [property: JsonPropertyOrder(6)] int IndexFanOut,
    [property: JsonPropertyOrder(7)] IReadOnlyList<DiskImage> Disks)
{
    /// <summary>The manifest format version.</summary>
    [JsonPropertyOrder(-1)]
    public int FormatVersion { get; init; } = 1;

    /// <summary>Finds disk <paramref name="key"/>; null when the image has no such disk.</summary>
    public DiskImage? FindDisk(string key) => Disks.FirstOrDefault(d => string.Equals(d.Key, key, StringComparison.Ordinal));
}
