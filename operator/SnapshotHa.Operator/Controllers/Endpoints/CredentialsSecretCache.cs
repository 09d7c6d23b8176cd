using System.Collections.Concurrent;
using k8s;
using k8s.Models;

namespace SnapshotHa.Operator.Controllers.Endpoints;

/// <summary>
/// The endpoints' credentials Secrets, each read again when the copy is older than <see cref="MaxAge"/>: every
/// ProtectedVM reconcile resolves its endpoint's session, and without the cache each one would GET the Secret. The
/// operator has no list or watch permission on Secrets (least privilege), so a changed Secret is seen within
/// <see cref="MaxAge"/>, and its new resourceVersion then replaces the session. A missing Secret is not cached.
/// </summary>
/// <param name="kubernetes">Reads Secrets.</param>
/// <param name="timeProvider">The clock.</param>
public sealed class CredentialsSecretCache(IKubernetes kubernetes, TimeProvider timeProvider)
{
    /// <summary>How long a read Secret is served before it is read again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (long At, V1Secret Secret)> _secrets = new(StringComparer.Ordinal);

    /// <summary>The Secret, from the cache when read less than <see cref="MaxAge"/> ago.</summary>
    /// <param name="name">The Secret's name.</param>
    /// <param name="ns">Its namespace.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The Secret (the cached instance: do not change it).</returns>
    /// <exception cref="k8s.Autorest.HttpOperationException">The read failed, e.g. 404 when the Secret does not exist.</exception>
    public async Task<V1Secret> ReadAsync(string name, string ns, CancellationToken cancellationToken)
    {
        var key = $"{ns}/{name}";
        if (_secrets.TryGetValue(key, out var cached) && timeProvider.GetElapsedTime(cached.At) < MaxAge)
        {
            return cached.Secret;
        }

        var secret = await kubernetes.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken);
        _secrets[key] = (timeProvider.GetTimestamp(), secret);
        return secret;
    }
}
