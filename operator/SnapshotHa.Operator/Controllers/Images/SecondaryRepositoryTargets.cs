using System.Net;
using System.Text;
using Amazon.Runtime;
using k8s;
using k8s.Autorest;
using SnapshotHa.Api.Common;
using SnapshotHa.Api.Policies;
using SnapshotHa.Operator.Hosting;
using SnapshotHa.Repository.Sync;

namespace SnapshotHa.Operator.Controllers.Images;

/// <summary>
/// Opens a policy's secondary repository as a sync target: a volume claim's directory below the operator's
/// repository root, or an S3-compatible bucket with the keys from the named Secret.
/// </summary>
/// <param name="kubernetes">Reads the S3 credentials Secret.</param>
/// <param name="options">The repository root.</param>
public sealed class SecondaryRepositoryTargets(IKubernetes kubernetes, ProtectionOptions options)
{
    /// <summary>Opens the target of <paramref name="spec"/>.</summary>
    /// <param name="spec">The policy's spec.secondaryRepository.</param>
    /// <param name="ns">The namespace of the policy and the Secret.</param>
    /// <param name="cancellationToken">Cancels the Secret lookup.</param>
    /// <returns>The target; the caller disposes it.</returns>
    /// <exception cref="InvalidOperationException">Neither volume nor s3 is set, or the Secret or one of its keys is missing.</exception>
    /// <exception cref="ArgumentException">The volume's subPath leaves the volume.</exception>
    public async Task<ISyncTarget> OpenAsync(SecondaryRepositorySpec spec, string ns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Volume is { } volume)
        {
            return new DirectorySyncTarget(options.ResolveRepository(volume.ClaimName, volume.SubPath));
        }

        if (spec.S3 is not { } s3)
        {
            throw new InvalidOperationException("spec.secondaryRepository sets neither volume nor s3.");
        }

        var secretName = s3.CredentialsSecretRef.Name;
        k8s.Models.V1Secret secret;
        try
        {
            secret = await kubernetes.CoreV1.ReadNamespacedSecretAsync(secretName, ns, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new InvalidOperationException($"Secret {ns}/{secretName} named by spec.secondaryRepository.s3.credentialsSecretRef does not exist.", e);
        }

        var credentials = new BasicAWSCredentials(Key(secret, SecretKeys.AccessKeyId, ns), Key(secret, SecretKeys.SecretAccessKey, ns));
        return S3SyncTarget.Create(s3.Endpoint, s3.Region, s3.ForcePathStyle, credentials, s3.Bucket, s3.Prefix ?? "");
    }

    private static string Key(k8s.Models.V1Secret secret, string key, string ns) =>
        secret.Data?.TryGetValue(key, out var bytes) == true && bytes.Length > 0
            ? Encoding.UTF8.GetString(bytes)
            : throw new InvalidOperationException($"Secret {ns}/{secret.Metadata.Name} has no non-empty key '{key}'.");
}
