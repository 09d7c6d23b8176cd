using SnapshotHa.Vim.Hosts;
using SnapshotHa.Vim.Tests.Simulator;

namespace SnapshotHa.Vim.Tests.Integration;

/// <summary>A vCenter model: one datacenter, a cluster of two hosts, two VMs.</summary>
public sealed class VCenterVcsimFixture() : VcsimFixture("--model", "vpx", "--hosts", "2", "--vms", "2", "--disk-size", "1MiB");

public sealed class VCenterTests(VCenterVcsimFixture fixture) : SimulatorTest<VCenterVcsimFixture>(fixture)
{
    [Fact]
    public async Task Lists_every_host_of_the_cluster()
    {
        Sim.Client.ServiceContent.About.IsHostAgent.Should().BeFalse();

        var hosts = await Sim.Client.Hosts.ListAsync(CancellationToken.None);

        hosts.Should().HaveCount(2).And.OnlyContain(h => h.ConnectionState == HostConnectionState.Connected);
        hosts.Select(h => h.Host.Value).Should().Contain(Sim.Vm0.Host);
    }

    [Fact]
    public async Task Placement_of_a_cluster_host_is_the_datacenter_vm_folder_and_the_cluster_pool()
    {
        var placement = await Sim.Client.VirtualMachines.GetPlacementAsync(new ManagedObjectReference("HostSystem", Sim.Vm0.Host), CancellationToken.None);

        placement.Folder.Type.Should().Be("Folder");
        placement.ResourcePool.Type.Should().Be("ResourcePool");
        placement.Host!.Value.Should().Be(Sim.Vm0.Host);
    }

    [Fact]
    public async Task Datastore_files_are_read_through_the_configured_datacenter()
    {
        var facts = await Sim.Client.VirtualMachines.GetFactsAsync(Sim.Vm0.Reference, CancellationToken.None);
        var extent = facts.Disks[0].Chain.Base.Extent!;

        Sim.Client.Datastores.GetUrl(extent).Query.Should().Contain("dcPath=" + Sim.Launcher.Ready.DatacenterPath);
        (await Sim.Client.Datastores.GetLengthAsync(extent, CancellationToken.None)).Should().Be(Sim.Vm0.Disks[0].CapacityBytes);
    }
}
