namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>The outcome of fencing: whether the failover may go on, and the Fenced condition to record.</summary>
/// <param name="Proceed">True when activation may start.</param>
/// <param name="Fenced">The Fenced condition status: the original is confirmed off (or need not be).</param>
/// <param name="Reason">The condition reason.</param>
/// <param name="Message">The condition message.</param>
public sealed record FencingDecision(bool Proceed, bool Fenced, string Reason, string Message);
