using SnapshotHa.Api.Common;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Protection;

/// <summary>Selects one virtual machine.</summary>
[Description("Selects one virtual machine by exactly one of name, moref or instanceUuid.")]
[ValidationRule("(has(self.name) ? 1 : 0) + (has(self.moref) ? 1 : 0) + (has(self.instanceUuid) ? 1 : 0) == 1", Message = "exactly one of name, moref or instanceUuid must be set")]
public sealed record VmSelector
{
    /// <summary>The inventory name.</summary>
    [Length(MinLength = 1, MaxLength = 80)]
    [Description("Inventory name of the VM; it must be unique behind the endpoint.")]
    public string? Name { get; set; }

    /// <summary>The managed object id.</summary>
    [Pattern(Patterns.VirtualMachineMoref)]
    [Description("Managed object id of the VM: vm-123 on vCenter, a number on a standalone ESXi host.")]
    public string? Moref { get; set; }

    /// <summary>The vCenter instance UUID.</summary>
    [Pattern(Patterns.Uuid)]
    [Description("vCenter instance UUID of the VM (config.instanceUuid); stable across re-registration.")]
    public string? InstanceUuid { get; set; }
}
