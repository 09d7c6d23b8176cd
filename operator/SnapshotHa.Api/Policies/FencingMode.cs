using System.Text.Json.Serialization;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Policies;

/// <summary>How strictly the failed original must be fenced before a failover.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FencingMode>))]
[Description("How strictly the failed original must be fenced before a failover.")]
public enum FencingMode
{
    /// <summary>Fail over only once the original is confirmed powered off (by vSphere or a person).</summary>
    Required,

    /// <summary>Try to power off the original, then fail over even when that could not be confirmed.</summary>
    BestEffort,
}
