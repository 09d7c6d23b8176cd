namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>What one check of a protected VM found.</summary>
/// <param name="Health">The VmHealthy condition, or null when the VM's state cannot be trusted (host not answering).</param>
/// <param name="Failure">The failure to fail over from, or null.</param>
public sealed record FailureObservation(VmHealth? Health, DetectedFailure? Failure);
