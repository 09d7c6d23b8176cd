using System.Globalization;
using k8s.Models;
using SnapshotHa.Api.Common;
using SnapshotHa.Kube.Entities;
using SnapshotHa.Operator.Hosting;
using SnapshotHa.RepositoryCli;

namespace SnapshotHa.Operator.Merging;

/// <summary>
/// Builds the batch/v1 Job that runs <c>snapshotha merge</c> for one RecoveryImage: owned by the image, the
/// repository volume claim mounted, vSphere credentials from the endpoint's Secret through <c>secretKeyRef</c>, the
/// endpoint's TLS settings as environment variables, non-root with a read-only root file system.
/// </summary>
public static class MergeJobManifest
{
    /// <summary>The container's name.</summary>
    public const string ContainerName = "merge";

    /// <summary>The user and group id the merge container runs as.</summary>
    public const long RunAsId = 10001;

    /// <summary>The default merge deadline when the policy sets none.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromHours(2);

    /// <summary>The default retries when the policy sets none.</summary>
    public const int DefaultBackoffLimit = 3;

    private const string RepositoryVolume = "repository";
    private const string TmpVolume = "tmp";

    /// <summary>Builds the Job.</summary>
    /// <param name="request">The merge.</param>
    /// <param name="options">Container image, command, mount path and TTL.</param>
    /// <returns>The Job, ready to create.</returns>
    /// <exception cref="FormatException">The policy's spec.merge.timeout is not a duration.</exception>
    public static V1Job Build(MergeJobRequest request, ProtectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var image = request.Image;
        var name = MergeJobNames.For(image.Metadata.Name);
        var labels = new Dictionary<string, string>
        {
            ["app.kubernetes.io/name"] = "snapshotha",
            ["app.kubernetes.io/component"] = "merge",
            [MergeJobNames.ProtectedVmLabel] = MergeJobNames.LabelValue(image.Spec.ProtectedVMRef.Name),
            [MergeJobNames.ImageLabel] = MergeJobNames.LabelValue(image.Metadata.Name),
        };
        var timeout = request.Merge?.Timeout is { Length: > 0 } text
            ? GoDuration.TryParse(text, out var parsed) && parsed > TimeSpan.Zero
                ? parsed
                : throw new FormatException($"spec.merge.timeout '{text}' is not a positive duration such as 2h or 30m.")
            : DefaultTimeout;
        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = image.Metadata.NamespaceProperty,
                Labels = labels,
                OwnerReferences = [OwnerReferences.ControllerOf(image)],
            },
            Spec = new V1JobSpec
            {
                BackoffLimit = request.Merge?.BackoffLimit ?? DefaultBackoffLimit,
                ActiveDeadlineSeconds = (long)Math.Ceiling(timeout.TotalSeconds),
                TtlSecondsAfterFinished = (int)Math.Ceiling(options.JobTtlAfterFinished.TotalSeconds),
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(labels) },
                    Spec = PodSpec(request, options),
                },
            },
        };
    }

    /// <summary>Returns the container's arguments after <see cref="ProtectionOptions.JobCommand"/>.</summary>
    /// <param name="request">The merge.</param>
    /// <param name="options">The repository mount path.</param>
    /// <returns>The <c>merge</c> arguments.</returns>
    public static IReadOnlyList<string> Arguments(MergeJobRequest request, ProtectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var repository = RepositoryInJob(request, options);
        var args = new List<string>
        {
            "merge",
            "--repo", repository,
            "--series", request.Series,
            "--point-in-time", request.PointInTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            "--compression-level", request.CompressionLevel.ToString(CultureInfo.InvariantCulture),
            "--result-file", $"{repository}/{MergeResultFile.RelativePath(request.Image.Metadata.Name, request.Image.Metadata.Uid)}",
        };
        if (request.ParentManifestId is { } parent)
        {
            args.Add("--parent");
            args.Add(parent);
        }

        foreach (var layer in request.Layers)
        {
            args.Add(layer.WholeChain ? "--disk-chain" : "--disk");
            args.Add($"{layer.DiskKey}={layer.Url.AbsoluteUri}");
        }

        return args;
    }

    private static string RepositoryInJob(MergeJobRequest request, ProtectionOptions options)
    {
        var mount = options.JobRepositoryMountPath.TrimEnd('/');
        var subPath = request.Repository.SubPath?.Trim('/');
        return string.IsNullOrEmpty(subPath) ? mount : $"{mount}/{subPath}";
    }

    private static V1PodSpec PodSpec(MergeJobRequest request, ProtectionOptions options) => new()
    {
        RestartPolicy = "Never",
        AutomountServiceAccountToken = false,
        SecurityContext = new V1PodSecurityContext
        {
            RunAsNonRoot = true,
            RunAsUser = RunAsId,
            RunAsGroup = RunAsId,
            FsGroup = RunAsId,
            SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
        },
        Containers =
        [
            new V1Container
            {
                Name = ContainerName,
                Image = options.JobImage,
                Command = [.. options.JobCommand],
                Args = [.. Arguments(request, options)],
                Env = Environment(request),
                Resources = request.Merge?.Resources is { } resources
                    ? new V1ResourceRequirements { Requests = resources.Requests, Limits = resources.Limits }
                    : null,
                SecurityContext = new V1SecurityContext
                {
                    ReadOnlyRootFilesystem = true,
                    AllowPrivilegeEscalation = false,
                    RunAsNonRoot = true,
                    Capabilities = new V1Capabilities { Drop = ["ALL"] },
                    SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
                },
                VolumeMounts =
                [
                    new V1VolumeMount { Name = RepositoryVolume, MountPath = options.JobRepositoryMountPath },
                    new V1VolumeMount { Name = TmpVolume, MountPath = "/tmp" },
                ],
            },
        ],
        Volumes =
        [
            new V1Volume
            {
                Name = RepositoryVolume,
                PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = request.Repository.ClaimName },
            },
            new V1Volume { Name = TmpVolume, EmptyDir = new V1EmptyDirVolumeSource() },
        ],
    };

    private static List<V1EnvVar> Environment(MergeJobRequest request)
    {
        var secret = request.Endpoint.Spec.CredentialsSecretRef.Name;
        var tls = request.Endpoint.Spec.Tls;
        var env = new List<V1EnvVar>
        {
            FromSecret(VsphereCliOptions.UsernameVariable, secret, SecretKeys.Username),
            FromSecret(VsphereCliOptions.PasswordVariable, secret, SecretKeys.Password),
        };
        if (tls.Thumbprint is { } thumbprint)
        {
            env.Add(new V1EnvVar { Name = VsphereCliOptions.ThumbprintVariable, Value = thumbprint });
        }

        if (tls.CaBundle is { } caBundle)
        {
            env.Add(new V1EnvVar { Name = VsphereCliOptions.CaBundleVariable, Value = caBundle });
        }

        if (tls.InsecureSkipVerify == true)
        {
            env.Add(new V1EnvVar { Name = VsphereCliOptions.InsecureVariable, Value = "true" });
        }

        return env;
    }

    private static V1EnvVar FromSecret(string variable, string secret, string key) => new()
    {
        Name = variable,
        ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = secret, Key = key } },
    };
}
