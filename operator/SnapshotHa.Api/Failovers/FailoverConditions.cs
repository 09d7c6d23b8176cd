namespace SnapshotHa.Api.Failovers;

/// <summary>Condition types and reasons of a Failover.</summary>
public static class FailoverConditions
{
    /// <summary>The original is confirmed off or isolated.</summary>
    public const string Fenced = "Fenced";

    /// <summary>The image is materialized on the target (or a standby is ready).</summary>
    public const string Restored = "Restored";

    /// <summary>The recovered VM runs.</summary>
    public const string Succeeded = "Succeeded";

    /// <summary>vSphere confirmed the original is powered off.</summary>
    public const string ReasonPoweredOff = "PoweredOff";

    /// <summary>A person set fencingConfirmed.</summary>
    public const string ReasonConfirmedByUser = "ConfirmedByUser";

    /// <summary>Fencing is Required and could not be confirmed; waiting for fencingConfirmed.</summary>
    public const string ReasonAwaitingConfirmation = "AwaitingConfirmation";

    /// <summary>Fencing is BestEffort and could not be confirmed; continued anyway.</summary>
    public const string ReasonUnconfirmed = "Unconfirmed";

    /// <summary>Test failovers leave the source running.</summary>
    public const string ReasonNotRequired = "NotRequired";

    /// <summary>No committed image exists.</summary>
    public const string ReasonNoCommittedImage = "NoCommittedImage";

    /// <summary>Restoring failed.</summary>
    public const string ReasonRestoreFailed = "RestoreFailed";

    /// <summary>Powering on failed.</summary>
    public const string ReasonPowerOnFailed = "PowerOnFailed";

    /// <summary>The recovered VM is powered on.</summary>
    public const string ReasonPoweredOn = "PoweredOn";

    /// <summary>The source VM's host does not answer, so its power state cannot be confirmed.</summary>
    public const string ReasonHostNotResponding = "HostNotResponding";

    /// <summary>A BestEffort failover went on unfenced; the original is powered off once its host answers again.</summary>
    public const string ReasonPoweredOffLate = "PoweredOffLate";

    /// <summary>The image's disks are on the target datastore.</summary>
    public const string ReasonUploaded = "Uploaded";

    /// <summary>A standby VM that holds the image is activated instead of uploading the image.</summary>
    public const string ReasonStandby = "StandbyActivated";
}
