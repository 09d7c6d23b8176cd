using System.Text.Json.Serialization;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Images;

/// <summary>The lifecycle phase of a recovery image.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RecoveryImagePhase>))]
[Description("The lifecycle phase of a recovery image.")]
public enum RecoveryImagePhase
{
    /// <summary>Waiting for its Job.</summary>
    Pending,

    /// <summary>The delta is being read from the datastore.</summary>
    Shipping,

    /// <summary>The delta is being merged into the parent.</summary>
    Merging,

    /// <summary>The manifest is written; the image can be restored.</summary>
    Committed,

    /// <summary>Shipping or merging failed.</summary>
    Failed,

    /// <summary>A newer image is committed; this one is kept by retention.</summary>
    Superseded,

    /// <summary>Removed by retention; the resource is about to be deleted.</summary>
    Pruned,
}
