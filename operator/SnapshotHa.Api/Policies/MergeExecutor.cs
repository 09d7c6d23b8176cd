using System.Text.Json.Serialization;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Policies;

/// <summary>Where merges run.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MergeExecutor>))]
[Description("Where merges run.")]
public enum MergeExecutor
{
    /// <summary>One Kubernetes Job per RecoveryImage.</summary>
    Job,

    /// <summary>Inside the operator process.</summary>
    InProcess,
}
