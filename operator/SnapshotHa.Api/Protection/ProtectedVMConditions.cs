namespace SnapshotHa.Api.Protection;

/// <summary>Condition types and reasons of a ProtectedVM.</summary>
public static class ProtectedVMConditions
{
    /// <summary>The VM is protected: seeded, cycles succeed, RPO met.</summary>
    public const string Ready = "Ready";

    /// <summary>Image 0 (the full copy) is committed.</summary>
    public const string Seeded = "Seeded";

    /// <summary>The VM's host answers heartbeats.</summary>
    public const string HeartbeatHealthy = "HeartbeatHealthy";

    /// <summary>The VM runs: not powered off by anyone but SnapshotHA, guest heartbeat not lost.</summary>
    public const string VmHealthy = "VmHealthy";

    /// <summary>The latest committed image is younger than the policy's rpoTarget.</summary>
    public const string RpoMet = "RPOMet";

    /// <summary>The endpoint is not connected.</summary>
    public const string ReasonEndpointNotReady = "EndpointNotReady";

    /// <summary>The referenced policy does not exist.</summary>
    public const string ReasonPolicyNotFound = "PolicyNotFound";

    /// <summary>No VM matches spec.vm.</summary>
    public const string ReasonVmNotFound = "VmNotFound";

    /// <summary>The seed copy runs.</summary>
    public const string ReasonSeeding = "Seeding";

    /// <summary>The seed copy is committed.</summary>
    public const string ReasonSeedCommitted = "SeedCommitted";

    /// <summary>Cycles succeed.</summary>
    public const string ReasonCycleSucceeded = "CycleSucceeded";

    /// <summary>The last cycle failed.</summary>
    public const string ReasonCycleFailed = "CycleFailed";

    /// <summary>The latest image is within the RPO target.</summary>
    public const string ReasonWithinTarget = "WithinTarget";

    /// <summary>The latest image is older than the RPO target.</summary>
    public const string ReasonTargetMissed = "TargetMissed";

    /// <summary>The VM's host answers.</summary>
    public const string ReasonHostResponding = "HostResponding";

    /// <summary>The VM's host missed as many consecutive heartbeats as the endpoint's missesBeforeFailure.</summary>
    public const string ReasonHostNotResponding = "HostNotResponding";

    /// <summary>The VM's host missed heartbeats, fewer than the endpoint's missesBeforeFailure: still healthy.</summary>
    public const string ReasonHeartbeatsMissed = "HeartbeatsMissed";

    /// <summary>Our snapshot of the cycle in progress was deleted outside SnapshotHA: the cycle restarted.</summary>
    public const string ReasonSnapshotLost = "SnapshotLost";

    /// <summary>spec.paused is true.</summary>
    public const string ReasonPaused = "Paused";

    /// <summary>A failover is in progress or done.</summary>
    public const string ReasonFailover = "Failover";

    /// <summary>The VM is powered on and its guest heartbeat is not red.</summary>
    public const string ReasonVmRunning = "Running";

    /// <summary>The VM was seen powered on, then powered off without SnapshotHA doing it (a crash).</summary>
    public const string ReasonPoweredOffUnexpectedly = "PoweredOffUnexpectedly";

    /// <summary>The guest heartbeat is red, for less than the policy's grace period so far.</summary>
    public const string ReasonGuestHeartbeatRed = "GuestHeartbeatRed";

    /// <summary>The guest heartbeat stayed red longer than the policy's grace period (a hung guest).</summary>
    public const string ReasonGuestHeartbeatLost = "GuestHeartbeatLost";

    /// <summary>The VM is powered off and was not seen running: nothing to detect.</summary>
    public const string ReasonNotRunning = "NotRunning";
}
