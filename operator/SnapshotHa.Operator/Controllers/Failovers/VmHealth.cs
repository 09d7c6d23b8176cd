namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>The <c>VmHealthy</c> condition to set on a ProtectedVM.</summary>
/// <param name="Healthy">The condition status.</param>
/// <param name="Reason">The reason.</param>
/// <param name="Message">The message.</param>
public sealed record VmHealth(bool Healthy, string Reason, string Message);
