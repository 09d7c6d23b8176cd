using SnapshotHa.Api.Policies;
using SnapshotHa.Kube.Client;

namespace SnapshotHa.Operator.Controllers.Policies;

/// <summary>
/// Reads each SnapshotPolicy once for the lifetime of the lookup (one round of a periodic check over every
/// ProtectedVM), so that a round costs one GET per policy instead of one per ProtectedVM.
/// </summary>
/// <param name="client">Reads the policies.</param>
public sealed class PolicyLookup(IKubernetesClient client)
{
    private readonly Dictionary<string, Task<SnapshotPolicy?>> _policies = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The policy, read on first use; null when it does not exist. A failed read is retried by the next caller.</summary>
    /// <param name="name">The policy name.</param>
    /// <param name="ns">The namespace.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The policy or null.</returns>
    public Task<SnapshotPolicy?> GetAsync(string name, string? ns, CancellationToken cancellationToken)
    {
        var key = $"{ns}/{name}";
        lock (_lock)
        {
            if (!_policies.TryGetValue(key, out var read) || read.IsFaulted || read.IsCanceled)
            {
                read = client.GetAsync<SnapshotPolicy>(name, ns, cancellationToken);
                _policies[key] = read;
            }

            return read;
        }
    }
}
