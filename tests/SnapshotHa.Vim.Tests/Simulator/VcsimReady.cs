namespace SnapshotHa.Vim.Tests.Simulator;

/// <summary>The launcher's JSON ready line (tests/vcsim/README.md).</summary>
public sealed record VcsimReady(
    string SdkUrl,
    string ControlUrl,
    string? Thumbprint,
    string DatastoreDir,
    string DatastoreName,
    string DatacenterPath,
    string Username,
    string Password,
    IReadOnlyList<VcsimVm> Vms);

/// <summary>A VM of the ready line.</summary>
public sealed record VcsimVm(string Name, string Moref, string Host, string VmxPath, IReadOnlyList<VcsimDisk> Disks)
{
    public ManagedObjectReference Reference => new("VirtualMachine", Moref);
}

/// <summary>A disk of the ready line.</summary>
public sealed record VcsimDisk(int Key, string FileName, string Path, long CapacityBytes);
