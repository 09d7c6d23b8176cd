namespace SnapshotHa.Operator.SandboxRuntime;

/// <summary>A VM of the sandbox state file.</summary>
/// <param name="Name">The VM name.</param>
/// <param name="Moref">The VM's managed object id.</param>
/// <param name="Host">The host's managed object id at start.</param>
public sealed record SandboxStateVm(string Name, string Moref, string Host);
