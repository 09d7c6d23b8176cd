using k8s.Models;
using SnapshotHa.Api.Common;
using SnapshotHa.Api.Endpoints;
using SnapshotHa.Api.Images;
using SnapshotHa.Api.Policies;
using SnapshotHa.Operator.Merging;

namespace SnapshotHa.Operator.Tests.Merging;

/// <summary>A RecoveryImage, endpoint and merge request as the protection loop builds them.</summary>
public static class MergeJobFixtures
{
    public const string Thumbprint = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

    public static RecoveryImage Image(string name, string uid) => new()
    {
        ApiVersion = "snapshotha.io/v1alpha1",
        Kind = "RecoveryImage",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Uid = uid },
        Spec = new RecoveryImageSpec { ProtectedVMRef = new LocalObjectReference { Name = "web-01" }, Sequence = 3 },
    };

    public static VSphereEndpoint Endpoint() => new()
    {
        Metadata = new V1ObjectMeta { Name = "esxi", NamespaceProperty = "default" },
        Spec = new VSphereEndpointSpec
        {
            Url = "https://esxi.example.com/sdk",
            CredentialsSecretRef = new LocalObjectReference { Name = "esxi-credentials" },
            Tls = new EndpointTls { Thumbprint = Thumbprint },
        },
    };

    public static MergeJobRequest Request(RecoveryImage image, MergeSpec? merge = null, string? parent = "0123456789abcdef0123456789abcdef") => new(
        image,
        new VolumeLocation { ClaimName = "repo", SubPath = "images" },
        "default/web-01",
        parent,
        new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero),
        1,
        [
            new MergeJobLayer("2000", new Uri("https://esxi.example.com/folder/web-01/web-01-000003.vmdk?dcPath=ha-datacenter&dsName=datastore1"), false),
            new MergeJobLayer("2001", new Uri("https://esxi.example.com/folder/web-01/web-01_1-000003.vmdk?dcPath=ha-datacenter&dsName=datastore1"), true),
        ],
        Endpoint(),
        merge);
}
