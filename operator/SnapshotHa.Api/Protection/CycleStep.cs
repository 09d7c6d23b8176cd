using System.Text.Json.Serialization;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Protection;

/// <summary>The steps of a protection cycle (design §4).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CycleStep>))]
[Description("The step of the protection cycle being executed.")]
public enum CycleStep
{
    /// <summary>Creating the new snapshot.</summary>
    CreatingSnapshot,

    /// <summary>Shipping the frozen layer and merging it (the RecoveryImage's Job).</summary>
    ShippingAndMerging,

    /// <summary>Removing the previous snapshot now that its layer is committed.</summary>
    RemovingPreviousSnapshot,

    /// <summary>Pruning images by retention.</summary>
    Pruning,

    /// <summary>Refreshing the standby VMs.</summary>
    RefreshingStandbys,
}
