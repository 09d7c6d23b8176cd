using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace SnapshotHa.Kube.Client;

/// <summary>The wire shape of a list response for an entity kind.</summary>
/// <typeparam name="TEntity">The entity kind.</typeparam>
public sealed class EntityList<TEntity> : IKubernetesObject<V1ListMeta>, IItems<TEntity>
    where TEntity : IKubernetesObject<V1ObjectMeta>
{
    /// <inheritdoc />
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = string.Empty;

    /// <inheritdoc />
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = string.Empty;

    /// <inheritdoc />
    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    /// <inheritdoc />
    [JsonPropertyName("items")]
    public IList<TEntity> Items { get; set; } = [];
}
