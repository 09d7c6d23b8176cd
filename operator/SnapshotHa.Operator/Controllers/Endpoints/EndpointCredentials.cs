using System.Text;
using k8s;
using k8s.Autorest;
using SnapshotHa.Api.Common;
using SnapshotHa.Api.Endpoints;
using SnapshotHa.Operator.Hosting;
using SnapshotHa.Vim;

namespace SnapshotHa.Operator.Controllers.Endpoints;

/// <summary>Builds vim25 connection options from a VSphereEndpoint and its credentials Secret.</summary>
/// <param name="kubernetes">Reads the Secret (through a <see cref="CredentialsSecretCache"/>).</param>
/// <param name="options">Timeouts.</param>
/// <param name="timeProvider">The clock of the Secret cache; null for the system clock.</param>
public sealed class EndpointCredentials(IKubernetes kubernetes, ProtectionOptions options, TimeProvider? timeProvider = null)
{
    private readonly CredentialsSecretCache _secrets = new(kubernetes, timeProvider ?? TimeProvider.System);

    /// <summary>
    /// Reads the Secret (a copy at most <see cref="CredentialsSecretCache.MaxAge"/> old) and returns options plus a
    /// fingerprint that changes when spec or Secret change.
    /// </summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The options and the fingerprint.</returns>
    /// <exception cref="EndpointConfigurationException">The Secret or one of its keys is missing.</exception>
    public async Task<(VimConnectionOptions Options, string Fingerprint)> ResolveAsync(
        VSphereEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var ns = endpoint.Metadata.NamespaceProperty ?? "default";
        var secretName = endpoint.Spec.CredentialsSecretRef.Name;
        k8s.Models.V1Secret secret;
        try
        {
            secret = await _secrets.ReadAsync(secretName, ns, cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            throw new EndpointConfigurationException(
                EndpointConditions.ReasonCredentialsMissing, $"Secret {ns}/{secretName} named by spec.credentialsSecretRef does not exist");
        }

        var username = Value(secret, SecretKeys.Username, ns, secretName);
        var password = Value(secret, SecretKeys.Password, ns, secretName);
        var tls = endpoint.Spec.Tls;
        var connection = new VimConnectionOptions
        {
            Url = new Uri(endpoint.Spec.Url),
            Username = username,
            Password = password,
            CaBundlePem = tls.CaBundle,
            Thumbprint = tls.Thumbprint,
            InsecureSkipVerify = tls.InsecureSkipVerify == true,
            DatacenterPath = endpoint.Spec.Datacenter,
            Timeout = options.VimTimeout,
            TaskTimeout = TimeSpan.FromMinutes(30),
            RetryDelay = TimeSpan.FromMilliseconds(200),
            UpdateWaitTime = TimeSpan.FromSeconds(5),
        };
        var fingerprint = $"{endpoint.Metadata.Generation}/{secret.Metadata.ResourceVersion}/{secret.Metadata.Uid}";
        return (connection, fingerprint);
    }

    private static string Value(k8s.Models.V1Secret secret, string key, string ns, string name)
    {
        if (secret.Data?.TryGetValue(key, out var bytes) == true && bytes.Length > 0)
        {
            return Encoding.UTF8.GetString(bytes);
        }

        if (secret.StringData?.TryGetValue(key, out var text) == true && text.Length > 0)
        {
            return text;
        }

        throw new EndpointConfigurationException(
            EndpointConditions.ReasonCredentialsMissing, $"Secret {ns}/{name} has no non-empty key '{key}'");
    }
}
