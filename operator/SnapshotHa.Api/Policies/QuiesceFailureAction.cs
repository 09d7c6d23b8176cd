using System.Text.Json.Serialization;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Policies;

/// <summary>What a cycle does when guest quiescing fails.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QuiesceFailureAction>))]
[Description("What a cycle does when guest quiescing fails.")]
public enum QuiesceFailureAction
{
    /// <summary>Skip the cycle and report the failure.</summary>
    Fail,

    /// <summary>Take a crash-consistent snapshot instead.</summary>
    CrashConsistent,
}
