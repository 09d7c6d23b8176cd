using SnapshotHa.Api.Common;
using SnapshotHa.Api.Endpoints;

namespace SnapshotHa.Operator.Controllers.Endpoints;

/// <summary>The heartbeat spec in usable units.</summary>
/// <param name="Interval">Time between probes.</param>
/// <param name="Timeout">How long one probe may take.</param>
/// <param name="MissesBeforeFailure">Consecutive misses that make a host failed.</param>
public sealed record HeartbeatSettings(TimeSpan Interval, TimeSpan Timeout, int MissesBeforeFailure)
{
    /// <summary>Converts the spec, falling back to the documented defaults for missing or unparsable values.</summary>
    /// <param name="spec">The spec, or null.</param>
    /// <returns>The settings.</returns>
    public static HeartbeatSettings From(HeartbeatSpec? spec)
    {
        spec ??= new HeartbeatSpec();
        var interval = GoDuration.TryParse(spec.Interval, out var i) && i > TimeSpan.Zero ? i : TimeSpan.FromSeconds(10);
        var timeout = GoDuration.TryParse(spec.Timeout, out var t) && t > TimeSpan.Zero && t < interval ? t : interval / 2;
        return new HeartbeatSettings(interval, timeout, Math.Max(1, spec.MissesBeforeFailure));
    }
}
