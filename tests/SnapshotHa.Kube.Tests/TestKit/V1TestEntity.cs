using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace SnapshotHa.Kube.Tests.TestKit;

[KubernetesEntity(Group = V1TestEntity.Group, ApiVersion = V1TestEntity.Version, Kind = "TestEntity", PluralName = V1TestEntity.Plural)]
public sealed class V1TestEntity : IKubernetesObject<V1ObjectMeta>, ISpec<V1TestEntity.EntitySpec>, IStatus<V1TestEntity.EntityStatus>
{
    public const string Group = "test.snapshotha.io";
    public const string Version = "v1";
    public const string Plural = "testentities";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = $"{Group}/{Version}";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "TestEntity";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public EntitySpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public EntityStatus Status { get; set; } = new();

    public static V1TestEntity Create(string ns, string name, string value = "v0") => new()
    {
        Metadata = new V1ObjectMeta { NamespaceProperty = ns, Name = name },
        Spec = new EntitySpec { Value = value },
    };

    public sealed class EntitySpec
    {
        [JsonPropertyName("value")]
        public string Value { get; set; } = string.Empty;
    }

    public sealed class EntityStatus
    {
        [JsonPropertyName("observed")]
        public string? Observed { get; set; }

        [JsonPropertyName("conditions")]
        public IList<V1Condition> Conditions { get; set; } = [];
    }
}
