using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Policies;

/// <summary>Which committed images are kept (Proxmox-style keep-last / keep-hourly / keep-daily).</summary>
[Description("Which committed images are kept. An image is kept when any rule keeps it; the latest committed image is always kept.")]
public sealed record RetentionSpec
{
    /// <summary>The newest images kept.</summary>
    [DefaultValue(3)]
    [RangeMinimum(1)]
    [RangeMaximum(1000)]
    [Description("Number of newest committed images kept. Default 3.")]
    public int KeepLast { get; set; } = 3;

    /// <summary>Hourly images kept.</summary>
    [RangeMinimum(0)]
    [RangeMaximum(1000)]
    [Description("Number of hours for which the newest image of that hour is kept. Default 0.")]
    public int? KeepHourly { get; set; }

    /// <summary>Daily images kept.</summary>
    [RangeMinimum(0)]
    [RangeMaximum(1000)]
    [Description("Number of days for which the newest image of that day is kept. Default 0.")]
    public int? KeepDaily { get; set; }
}
