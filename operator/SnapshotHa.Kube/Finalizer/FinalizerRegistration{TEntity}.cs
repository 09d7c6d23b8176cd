using k8s;
using k8s.Models;

namespace SnapshotHa.Kube.Finalizer;

/// <summary>
/// Records that a finalizer with <paramref name="Identifier"/> is registered for <typeparamref name="TEntity"/>;
/// the implementation is a keyed service under the identifier.
/// </summary>
/// <typeparam name="TEntity">The entity kind.</typeparam>
/// <param name="Identifier">The finalizer name written to metadata.finalizers, e.g. <c>snapshotha.io/snapshots</c>.</param>
public sealed record FinalizerRegistration<TEntity>(string Identifier)
    where TEntity : IKubernetesObject<V1ObjectMeta>;
