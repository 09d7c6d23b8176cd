using SnapshotHa.Api.Common;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Protection;

/// <summary>Which VM is protected, how and where.</summary>
[Description("Which VM is protected, by which policy, into which repository, and where it is recovered.")]
public sealed record ProtectedVMSpec
{
    /// <summary>The endpoint the VM lives behind.</summary>
    [Required]
    [Description("The VSphereEndpoint, in the same namespace, through which the VM is reached.")]
    [ValidationRule("self == oldSelf", Message = "endpointRef is immutable; create a new ProtectedVM to move a VM to another endpoint")]
    public LocalObjectReference EndpointRef { get; set; } = new();

    /// <summary>The VM.</summary>
    [Required]
    [Description("The virtual machine, by exactly one of name, moref or instanceUuid.")]
    [ValidationRule("self == oldSelf", Message = "vm is immutable; create a new ProtectedVM to protect another VM")]
    public VmSelector Vm { get; set; } = new();

    /// <summary>The policy.</summary>
    [Required]
    [Description("The SnapshotPolicy, in the same namespace, that decides when snapshots are taken and how images are kept.")]
    public LocalObjectReference PolicyRef { get; set; } = new();

    /// <summary>The repository.</summary>
    [Required]
    [Description("The chunk repository the VM's committed images are stored in.")]
    [ValidationRule("self == oldSelf", Message = "repository is immutable: existing images live in the old repository")]
    public RepositorySpec Repository { get; set; } = new();

    /// <summary>Where the VM is recovered.</summary>
    [Description("Where a failover brings the VM back; when absent the operator picks a healthy host and keeps the source's datastore, resource pool and networks.")]
    public RecoverySpec? Recovery { get; set; }

    /// <summary>Pauses protection.</summary>
    [DefaultValue(false)]
    [Description("Stop taking snapshots (for example during maintenance of the VM). Committed images and automatic failover stay in place. Default false.")]
    public bool Paused { get; set; }
}
