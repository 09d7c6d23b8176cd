using System.Globalization;
using SnapshotHa.Api.Images;
using SnapshotHa.Api.Protection;

namespace SnapshotHa.Operator.SandboxRuntime;

/// <summary>One line of sandbox progress: a ProtectedVM and its latest committed image.</summary>
/// <param name="Name">The ProtectedVM.</param>
/// <param name="Phase">Its phase.</param>
/// <param name="Step">The cycle step in progress, or empty.</param>
/// <param name="Disks">The VM's disks (protected together in every image).</param>
/// <param name="RpoSeconds">Seconds since the latest image's point in time.</param>
/// <param name="LatestImage">The latest committed image.</param>
/// <param name="Images">Committed images so far (including superseded).</param>
/// <param name="MergeSeconds">Ship plus merge time of the latest image.</param>
/// <param name="MegabytesPerSecond">Merged delta bytes per second of the latest image.</param>
/// <param name="Ready">The Ready condition's message.</param>
public sealed record ProtectionRow(
    string Name, string Phase, string Step, int Disks, long? RpoSeconds, string LatestImage, int Images, double? MergeSeconds, double? MegabytesPerSecond, string Ready)
{
    /// <summary>Builds the rows from the current resources.</summary>
    public static IReadOnlyList<ProtectionRow> From(IEnumerable<ProtectedVM> pvms, IReadOnlyList<RecoveryImage> images)
    {
        ArgumentNullException.ThrowIfNull(pvms);
        return [.. pvms.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal).Select(p =>
        {
            var status = p.Status;
            var latest = status?.LatestCommittedImage is { } l ? images.FirstOrDefault(i => i.Metadata.Name == l.Name) : null;
            var seconds = latest?.Status is { } s ? (s.ShipSeconds ?? 0) + (s.MergeSeconds ?? 0) : (double?)null;
            var rate = seconds is > 0 && latest?.Status?.DeltaBytes is { } delta ? delta / seconds.Value / 1e6 : (double?)null;
            var ready = status?.Conditions?.FirstOrDefault(c => c.Type == ProtectedVMConditions.Ready)?.Message ?? "";
            return new ProtectionRow(
                p.Metadata.Name,
                status?.Phase?.ToString() ?? "Pending",
                status?.Cycle?.Step.ToString() ?? "",
                status?.Vm?.Disks?.Count ?? 0,
                status?.RpoSeconds,
                status?.LatestCommittedImage?.Name ?? "-",
                images.Count(i => i.Spec.ProtectedVMRef.Name == p.Metadata.Name && i.Status?.Phase is RecoveryImagePhase.Committed or RecoveryImagePhase.Superseded),
                seconds,
                rate,
                ready);
        })];
    }

    /// <summary>A plain one-line rendering.</summary>
    public string ToLine() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Name}: phase={Phase}{(Step.Length > 0 ? $" step={Step}" : "")} disks={Disks} rpo={(RpoSeconds is { } r ? $"{r}s" : "-")} latest={LatestImage} images={Images} merge={(MergeSeconds is { } m ? $"{m:0.000}s" : "-")} rate={(MegabytesPerSecond is { } t ? $"{t:0.0}MB/s" : "-")}");
}
