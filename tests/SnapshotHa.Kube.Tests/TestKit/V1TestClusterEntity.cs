using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using SnapshotHa.Kube.Entities;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Kube.Tests.TestKit;

[KubernetesEntity(Group = V1TestEntity.Group, ApiVersion = V1TestEntity.Version, Kind = "TestClusterEntity", PluralName = Plural)]
[EntityScope(EntityScope.Cluster)]
public sealed class V1TestClusterEntity : IKubernetesObject<V1ObjectMeta>
{
    public const string Plural = "testclusterentities";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = $"{V1TestEntity.Group}/{V1TestEntity.Version}";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "TestClusterEntity";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();
}
