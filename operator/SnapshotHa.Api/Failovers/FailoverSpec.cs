using SnapshotHa.Api.Common;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Failovers;

/// <summary>What to fail over, how and where.</summary>
[Description("What to fail over, how and where. Only fencingConfirmed may change after creation.")]
[ValidationRule("self.type != 'Test' || has(self.isolatedNetwork)", Message = "a Test failover must name an isolatedNetwork so that the copy cannot clash with the running source", FieldPath = ".isolatedNetwork", Reason = "FieldValueRequired")]
[ValidationRule("self.type == 'Test' || !has(self.isolatedNetwork)", Message = "isolatedNetwork applies only to Test failovers", FieldPath = ".isolatedNetwork", Reason = "FieldValueForbidden")]
[ValidationRule("has(self.imageRef) == has(oldSelf.imageRef) && has(self.targetHost) == has(oldSelf.targetHost) && has(self.isolatedNetwork) == has(oldSelf.isolatedNetwork)", Message = "imageRef, targetHost and isolatedNetwork cannot be added or removed after creation")]
public sealed record FailoverSpec
{
    /// <summary>The protected VM.</summary>
    [Required]
    [ValidationRule("self == oldSelf", Message = "protectedVMRef is immutable")]
    [Description("The ProtectedVM, in the same namespace, to fail over.")]
    public LocalObjectReference ProtectedVMRef { get; set; } = new();

    /// <summary>The kind of failover.</summary>
    [Required]
    [ValidationRule("self == oldSelf", Message = "type is immutable")]
    [AdditionalPrinterColumn(Name = "Type", Order = 2)]
    [Description("Unplanned (the source failed: fence it, recover from the latest image), Planned (shut the source down after a final snapshot: no data loss), Test (recover a copy on an isolated network, the source keeps running) or Failback (return to the original site).")]
    public FailoverType Type { get; set; }

    /// <summary>The image to restore.</summary>
    [ValidationRule("self == oldSelf", Message = "imageRef is immutable")]
    [Description("The RecoveryImage to restore; default the protected VM's latest committed image.")]
    public LocalObjectReference? ImageRef { get; set; }

    /// <summary>The target host.</summary>
    [Length(MaxLength = 253)]
    [ValidationRule("self == oldSelf", Message = "targetHost is immutable")]
    [Description("ESXi host to recover on; default the protected VM's spec.recovery.targetHost, else any healthy host other than the failed one.")]
    public string? TargetHost { get; set; }

    /// <summary>A person's confirmation that the original is off.</summary>
    [DefaultValue(false)]
    [ValidationRule("!oldSelf || self", Message = "fencingConfirmed cannot be withdrawn")]
    [Description("Set to true by a person who has made sure the original VM is powered off or its host isolated, when the operator cannot confirm it (fencing Required). Cannot be set back to false. Default false.")]
    public bool FencingConfirmed { get; set; }

    /// <summary>The isolated network for a test failover.</summary>
    [Length(MinLength = 1, MaxLength = 253)]
    [ValidationRule("self == oldSelf", Message = "isolatedNetwork is immutable")]
    [Description("Network (port group) without a route to production that every adapter of the test copy is connected to; required for Test, forbidden otherwise.")]
    public string? IsolatedNetwork { get; set; }

    /// <summary>Why the failover was started.</summary>
    [Length(MaxLength = 1024)]
    [Description("Why the failover was started, for the audit trail (the operator writes the detected failure).")]
    public string? Reason { get; set; }
}
