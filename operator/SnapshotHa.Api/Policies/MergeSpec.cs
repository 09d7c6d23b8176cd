using SnapshotHa.Api.Common;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Policies;

/// <summary>How deltas are merged.</summary>
[Description("How shipped deltas are merged into the previous committed image.")]
[ValidationRule("self.executor == 'Job' || !has(self.resources)", Message = "resources apply only to the Job executor", FieldPath = ".resources", Reason = "FieldValueForbidden")]
public sealed record MergeSpec
{
    /// <summary>Where merges run.</summary>
    [DefaultValue(MergeExecutor.Job)]
    [Description("Where merges run: Job (one Kubernetes Job per RecoveryImage, isolated and resource-limited) or InProcess (inside the operator, for small estates and the sandbox). Default Job.")]
    public MergeExecutor Executor { get; set; } = MergeExecutor.Job;

    /// <summary>Resources of merge Jobs.</summary>
    [Description("Compute resources of the merge Job's container.")]
    public ComputeResources? Resources { get; set; }

    /// <summary>The merge deadline.</summary>
    [DefaultValue("2h")]
    [Length(MaxLength = 32)]
    [Pattern(Patterns.Duration)]
    [Description("How long one merge may run before it is stopped and retried (the Job's activeDeadlineSeconds). Default 2h.")]
    public string? Timeout { get; set; }

    /// <summary>How often a failed merge Job's pod is retried.</summary>
    [DefaultValue(3)]
    [RangeMinimum(0)]
    [RangeMaximum(20)]
    [Description("How many times a failed merge Job's pod is retried before the Job fails (the Job's backoffLimit; executor Job). Default 3.")]
    public int? BackoffLimit { get; set; }
}
