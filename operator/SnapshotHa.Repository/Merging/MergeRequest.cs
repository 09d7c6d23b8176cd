namespace SnapshotHa.Repository.Merging;

/// <summary>A merge of layers onto a parent image (or a seed when <see cref="ParentId"/> is null).</summary>
/// <param name="Series">The series the new image belongs to; must equal the parent's.</param>
/// <param name="ParentId">The parent image, or null for a seed.</param>
/// <param name="Layers">One layer per disk to change; disks not named keep the parent's content.</param>
/// <param name="PointInTime">The point in time the new image restores to (stored in UTC); null if unknown.</param>
public sealed record MergeRequest(string Series, string? ParentId, IReadOnlyList<LayerInput> Layers, DateTimeOffset? PointInTime);
