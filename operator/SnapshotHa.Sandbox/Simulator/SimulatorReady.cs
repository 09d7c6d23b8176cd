namespace SnapshotHa.Sandbox.Simulator;

/// <summary>The simulator launcher's JSON ready line (tests/vcsim/README.md).</summary>
/// <param name="SdkUrl">The vim25 SDK URL.</param>
/// <param name="ControlUrl">The control API base URL.</param>
/// <param name="Thumbprint">SHA-256 thumbprint of the TLS certificate; null without TLS.</param>
/// <param name="DatastoreDir">The local directory of the datastore.</param>
/// <param name="DatastoreName">The datastore name.</param>
/// <param name="DatacenterPath">The datacenter inventory path.</param>
/// <param name="Username">The accepted user name.</param>
/// <param name="Password">The accepted password.</param>
/// <param name="Vms">The simulated VMs.</param>
public sealed record SimulatorReady(
    string SdkUrl,
    string ControlUrl,
    string? Thumbprint,
    string DatastoreDir,
    string DatastoreName,
    string DatacenterPath,
    string Username,
    string Password,
    IReadOnlyList<SimulatorVm> Vms);

/// <summary>A VM of the ready line.</summary>
/// <param name="Name">The VM name.</param>
/// <param name="Moref">The VM's managed object id.</param>
/// <param name="Host">The host's managed object id.</param>
/// <param name="VmxPath">The datastore path of the .vmx file.</param>
/// <param name="Disks">The VM's disks.</param>
public sealed record SimulatorVm(string Name, string Moref, string Host, string VmxPath, IReadOnlyList<SimulatorDisk> Disks);

/// <summary>A disk of the ready line.</summary>
/// <param name="Key">The device key.</param>
/// <param name="FileName">The datastore path of the base descriptor.</param>
/// <param name="Path">The local path of the base descriptor.</param>
/// <param name="CapacityBytes">The virtual size.</param>
public sealed record SimulatorDisk(int Key, string FileName, string Path, long CapacityBytes);
