using System.Text;
using k8s;
using k8s.Models;
using SnapshotHa.Operator.Controllers.Endpoints;
using SnapshotHa.Operator.Hosting;
using SnapshotHa.Operator.Tests.Merging;
using SnapshotHa.Sandbox.ApiServer;

namespace SnapshotHa.Operator.Tests.Controllers;

/// <summary>spec.datacenter reaches the vim25 connection options, which build the datastore URLs (dcPath).</summary>
public sealed class EndpointDatacenterTests
{
    [Theory]
    [InlineData("dc-east")]
    [InlineData(null)]
    public async Task The_datacenter_of_the_endpoint_is_the_connection_datacenter(string? datacenter)
    {
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions(), CancellationToken.None);
        using var kubernetes = new Kubernetes(server.CreateClientConfiguration());
        await kubernetes.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = "esxi-credentials" },
                Data = new Dictionary<string, byte[]> { ["username"] = Encoding.UTF8.GetBytes("root"), ["password"] = Encoding.UTF8.GetBytes("secret") },
            },
            "default");
        var endpoint = MergeJobFixtures.Endpoint();
        endpoint.Spec.Datacenter = datacenter;

        var (options, _) = await new EndpointCredentials(kubernetes, new ProtectionOptions()).ResolveAsync(endpoint, CancellationToken.None);

        options.DatacenterPath.Should().Be(datacenter, "unset means the server's default: ha-datacenter on ESXi, the only datacenter of a vCenter");
    }
}
