using System.Text;
using k8s.Models;
using SnapshotHa.Api.Common;
using SnapshotHa.Api.Endpoints;
using SnapshotHa.Api.Policies;
using SnapshotHa.Api.Protection;
using SnapshotHa.Sandbox.Simulator;

namespace SnapshotHa.Operator.SandboxRuntime;

/// <summary>The sandbox's resource set: the simulator's credentials and endpoint, a fast policy, one ProtectedVM per VM.</summary>
public static class SandboxResources
{
    /// <summary>The endpoint name.</summary>
    public const string EndpointName = "sandbox-esxi";

    /// <summary>The policy name.</summary>
    public const string PolicyName = "sandbox-fast";

    /// <summary>The repository volume claim name.</summary>
    public const string RepositoryClaim = "sandbox-repository";

    /// <summary>The credentials Secret.</summary>
    public static V1Secret Secret(SimulatorReady ready, string ns)
    {
        ArgumentNullException.ThrowIfNull(ready);
        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = new V1ObjectMeta { Name = $"{EndpointName}-credentials", NamespaceProperty = ns },
            Type = "Opaque",
            Data = new Dictionary<string, byte[]>
            {
                [SecretKeys.Username] = Encoding.UTF8.GetBytes(ready.Username),
                [SecretKeys.Password] = Encoding.UTF8.GetBytes(ready.Password),
            },
        };
    }

    /// <summary>The endpoint, pinned to the simulator's certificate.</summary>
    public static VSphereEndpoint Endpoint(SimulatorReady ready, string ns)
    {
        ArgumentNullException.ThrowIfNull(ready);
        return new VSphereEndpoint
        {
            Metadata = new V1ObjectMeta { Name = EndpointName, NamespaceProperty = ns },
            Spec = new VSphereEndpointSpec
            {
                Url = ready.SdkUrl,
                CredentialsSecretRef = new LocalObjectReference { Name = $"{EndpointName}-credentials" },
                Tls = new EndpointTls { Thumbprint = ready.Thumbprint },
                Heartbeat = new HeartbeatSpec { Interval = "2s", Timeout = "1s", MissesBeforeFailure = 3 },
            },
        };
    }

    /// <summary>A DeltaThreshold policy whose maxInterval is the sandbox's cycle interval.</summary>
    public static SnapshotPolicy Policy(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var max = Text.DurationText.Format(options.CycleInterval);
        return new SnapshotPolicy
        {
            Metadata = new V1ObjectMeta { Name = PolicyName, NamespaceProperty = options.Namespace },
            Spec = new SnapshotPolicySpec
            {
                Schedule = new ScheduleSpec
                {
                    Mode = Api.Policies.ScheduleMode.DeltaThreshold,
                    DeltaThresholdBytes = 8L * 1024 * 1024,
                    MinInterval = "1s",
                    MaxInterval = max,
                },
                RpoTarget = "1m",
                Retention = new RetentionSpec { KeepLast = options.KeepLast },
                Merge = new MergeSpec { Executor = options.Executor, Timeout = "2m", BackoffLimit = 2 },
                Failover = options.Failover ?? SandboxFailover.DefaultPolicy(),
            },
        };
    }

    /// <summary>The ProtectedVM of one simulated VM.</summary>
    public static ProtectedVM ProtectedVm(SimulatorVm vm, string ns)
    {
        ArgumentNullException.ThrowIfNull(vm);
        return new ProtectedVM
        {
            Metadata = new V1ObjectMeta { Name = vm.Name.ToLowerInvariant().Replace('_', '-'), NamespaceProperty = ns },
            Spec = new ProtectedVMSpec
            {
                EndpointRef = new LocalObjectReference { Name = EndpointName },
                Vm = new VmSelector { Moref = vm.Moref },
                PolicyRef = new LocalObjectReference { Name = PolicyName },
                Repository = new RepositorySpec { Volume = new VolumeLocation { ClaimName = RepositoryClaim, SubPath = "images" } },
            },
        };
    }
}
