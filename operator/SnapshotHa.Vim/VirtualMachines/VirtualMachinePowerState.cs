namespace SnapshotHa.Vim.VirtualMachines;

/// <summary>A VM's power state (<c>VirtualMachinePowerState</c>).</summary>
public enum VirtualMachinePowerState
{
    /// <summary>The server reported something else or nothing.</summary>
    Unknown,

    /// <summary>Powered off.</summary>
    PoweredOff,

    /// <summary>Powered on.</summary>
    PoweredOn,

    /// <summary>Suspended.</summary>
    Suspended,
}
