using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using SnapshotHa.Api.Common;
using SnapshotHa.Api.Endpoints;
using SnapshotHa.Api.Failovers;
using SnapshotHa.Api.Images;
using SnapshotHa.Api.Policies;
using SnapshotHa.Api.Protection;

namespace SnapshotHa.Api.Tests.Validation;

/// <summary>Objects the operator writes through KubernetesClient are accepted by the CRDs generated from the same types.</summary>
public sealed class RoundTripTests
{
    private static readonly DateTime Time = new(2026, 11, 20, 10, 15, 0, DateTimeKind.Utc);

    private static V1Condition Condition(string type) =>
        new() { Type = type, Status = ConditionStatuses.True, Reason = "Tested", Message = "", LastTransitionTime = Time, ObservedGeneration = 1 };

    public static TheoryData<string> Kinds() => new(["VSphereEndpoint", "SnapshotPolicy", "ProtectedVM", "RecoveryImage", "Failover"]);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Serialized_entity_with_full_status_is_valid_and_round_trips(string kind)
    {
        var entity = Build(kind);
        var json = KubernetesJson.Serialize(entity);

        Admission.Admit(JsonNode.Parse(json)!).Should().BeEmpty(json);
        var again = entity switch
        {
            VSphereEndpoint e => RoundTrip(e),
            SnapshotPolicy e => RoundTrip(e),
            ProtectedVM e => RoundTrip(e),
            RecoveryImage e => RoundTrip(e),
            Failover e => RoundTrip(e),
            _ => throw new InvalidOperationException(kind),
        };
        again.Should().Be(json);
    }

    private static string RoundTrip<T>(T entity) => KubernetesJson.Serialize(KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(entity)));

    private static object Build(string kind) => kind switch
    {
        "VSphereEndpoint" => new VSphereEndpoint
        {
            Metadata = new V1ObjectMeta { Name = "vc" },
            Spec = new VSphereEndpointSpec
            {
                Url = "https://vc.example.com/sdk",
                CredentialsSecretRef = new LocalObjectReference { Name = "vc-credentials" },
                Tls = new EndpointTls { InsecureSkipVerify = true },
                Heartbeat = new HeartbeatSpec(),
            },
            Status = new VSphereEndpointStatus
            {
                ObservedGeneration = 1,
                Conditions = [Condition(EndpointConditions.Connected), Condition(EndpointConditions.HeartbeatHealthy)],
                Product = "VMware ESXi 8.0.2",
                VimApiVersion = "8.0.2.0",
                ApiType = EndpointApiType.HostAgent,
                Hosts = [new HostStatus { Name = "esxi-01", Moref = "ha-host", ConnectionState = HostConnectionState.NotResponding, LastHeartbeatTime = Time, ConsecutiveMisses = 2 }],
            },
        },
        "SnapshotPolicy" => new SnapshotPolicy
        {
            Metadata = new V1ObjectMeta { Name = "p" },
            Spec = new SnapshotPolicySpec
            {
                Schedule = new ScheduleSpec { Mode = ScheduleMode.DeltaThreshold, DeltaThresholdBytes = 1L << 31, MinInterval = "5m", MaxInterval = "1h" },
                Snapshot = new SnapshotOptions { OnQuiesceFailure = QuiesceFailureAction.Fail, QuiesceTimeout = "2m" },
                RpoTarget = "1h",
                Retention = new RetentionSpec { KeepDaily = 7 },
                Merge = new MergeSpec { Resources = new ComputeResources { Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("1Gi") } } },
                SecondaryRepository = new SecondaryRepositorySpec { S3 = new S3BucketSpec { Endpoint = "http://minio:9000", Bucket = "dr-images", CredentialsSecretRef = new() { Name = "keys" } } },
                Standby = new StandbySpec { Count = 1 },
                Failover = new FailoverPolicySpec { Fencing = FencingMode.BestEffort },
            },
            Status = new SnapshotPolicyStatus { ObservedGeneration = 1, Conditions = [Condition(PolicyConditions.Ready)], ProtectedVMs = 2 },
        },
        "ProtectedVM" => new ProtectedVM
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new ProtectedVMSpec
            {
                EndpointRef = new() { Name = "vc" },
                Vm = new VmSelector { Moref = "vm-42" },
                PolicyRef = new() { Name = "p" },
                Repository = new RepositorySpec { Volume = new VolumeLocation { ClaimName = "repo", SubPath = "vms/web" } },
                Recovery = new RecoverySpec { NetworkMappings = [new NetworkMapping { Source = "a", Target = "b" }] },
            },
            Status = new ProtectedVMStatus
            {
                ObservedGeneration = 3,
                Conditions = [Condition(ProtectedVMConditions.Ready), Condition(ProtectedVMConditions.RpoMet)],
                Phase = ProtectedVMPhase.Protected,
                Vm = new VmFacts { Name = "web", Moref = "vm-42", Host = "esxi-01", PowerState = VmPowerState.PoweredOn, Disks = [new DiskFacts { Key = 2000, CapacityBytes = 1L << 34 }] },
                LastSnapshot = new SnapshotRecord { Name = "snapshotha-web-7", CreatedTime = Time, DurationSeconds = 1.25, DeltaBytes = 4096 },
                LatestCommittedImage = new ImageReference { Name = "web-6", Sequence = 6, PointInTime = Time },
                RpoSeconds = 300,
                NextSnapshotTime = Time,
                Cycle = new CycleProgress { Id = "c7", Step = CycleStep.ShippingAndMerging, Sequence = 7, StartedTime = Time },
                Standbys = [new StandbyStatus { Name = "web-standby-0", ImageSequence = 6, RefreshedTime = Time }],
            },
        },
        "RecoveryImage" => new RecoveryImage
        {
            Metadata = new V1ObjectMeta { Name = "web-7" },
            Spec = new RecoveryImageSpec { ProtectedVMRef = new() { Name = "web" }, Sequence = 7, ParentImage = "web-6", PointInTime = Time, SourceSnapshot = new SourceSnapshot { Name = "snapshotha-web-7" } },
            Status = new RecoveryImageStatus
            {
                Conditions = [Condition(RecoveryImageConditions.Committed)],
                Phase = RecoveryImagePhase.Committed,
                ManifestId = new string('a', 32),
                LogicalBytes = 1L << 34,
                DeltaBytes = 1L << 20,
                NewChunkBytes = 1L << 19,
                ShipSeconds = 0.5,
                MergeSeconds = 2,
                CommittedTime = Time,
                LastVerification = new VerificationRecord { Time = Time, Passed = true, ChunksChecked = 4096 },
                JobName = "merge-web-7",
            },
        },
        _ => new Failover
        {
            Metadata = new V1ObjectMeta { Name = "web-fo" },
            Spec = new FailoverSpec { ProtectedVMRef = new() { Name = "web" }, Type = FailoverType.Unplanned, FencingConfirmed = true, Reason = "HostFailed" },
            Status = new FailoverStatus
            {
                Conditions = [Condition(FailoverConditions.Succeeded)],
                Phase = FailoverPhase.Succeeded,
                Image = new ImageReference { Name = "web-6", Sequence = 6, PointInTime = Time },
                DetectedTime = Time,
                StartedTime = Time,
                CompletedTime = Time,
                DetectionSeconds = 30,
                RtoSeconds = 95.5,
                RpoSeconds = 240,
                RecoveredVm = new RecoveredVm { Name = "web", Host = "esxi-02", FromStandby = false },
            },
        },
    };
}
