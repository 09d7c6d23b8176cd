using SnapshotHa.Vim.Datastores;
using SnapshotHa.Vim.Faults;
using SnapshotHa.Vim.Properties;
using SnapshotHa.Vim.VirtualMachines;

namespace SnapshotHa.Vim.Tests.Unit;

public sealed class VirtualMachineFactsTests
{
    [Fact]
    public async Task Recorded_vcsim_facts_resolve_the_extent_by_type_although_it_is_listed_first()
    {
        var content = RetrieveResult.Parse(await Recorded.BodyAsync("vm-facts.xml")).Objects.Single();

        var facts = VirtualMachineFacts.FromContent(content);

        facts.PowerState.Should().Be(VirtualMachinePowerState.PoweredOn);
        facts.Host.Should().Be(new ManagedObjectReference("HostSystem", "ha-host"));
        facts.GuestHeartbeat.Should().Be(ManagedEntityStatus.Gray);
        facts.VmxPath.Should().Be(new DatastorePath("LocalDS_0", "ha-host_VM0/ha-host_VM0.vmx"));
        var disk = facts.Disks.Should().ContainSingle().Subject;
        disk.Key.Should().Be(255511522);
        disk.CapacityBytes.Should().Be(1024 * 1024);
        disk.ThinProvisioned.Should().BeTrue();
        var layer = disk.Chain.Layers.Should().ContainSingle().Subject;
        layer.Descriptor.Should().Be(new DatastorePath("LocalDS_0", "ha-host_VM0/disk1.vmdk"));
        layer.Extent.Should().Be(new DatastorePath("LocalDS_0", "ha-host_VM0/disk1-flat.vmdk"));
        layer.DeltaDiskFormat.Should().BeNull();
    }

    [Fact]
    public async Task Chain_follows_backing_parent_not_the_layout_order()
    {
        // Real ESXi order: chain base first, fileKey [descriptor, extent]; files listed in a shuffled order.
        var content = await ContentAsync(
            Devices(Backing("vm1-000002.vmdk", "redoLogFormat", Backing("vm1-000001.vmdk", "redoLogFormat", Backing("vm1.vmdk", null, null)))),
            Layout(
                File(7, "vm1-000002-delta.vmdk", "diskExtent", 40960),
                File(1, "vm1.vmdk", "diskDescriptor", 500),
                File(5, "vm1-000001-delta.vmdk", "diskExtent", 20480),
                File(2, "vm1-flat.vmdk", "diskExtent", 1048576),
                File(6, "vm1-000002.vmdk", "diskDescriptor", 400),
                File(4, "vm1-000001.vmdk", "diskDescriptor", 300),
                Chain(2000, [1, 2], [4, 5], [6, 7])));

        var chain = VirtualMachineFacts.FromContent(content).Disks.Single().Chain;

        chain.Layers.Select(l => l.Descriptor.FileName).Should().Equal("vm1.vmdk", "vm1-000001.vmdk", "vm1-000002.vmdk");
        chain.Layers.Select(l => l.Extent!.FileName).Should().Equal("vm1-flat.vmdk", "vm1-000001-delta.vmdk", "vm1-000002-delta.vmdk");
        chain.Layers.Select(l => l.ExtentSize).Should().Equal(1048576L, 20480L, 40960L);
        chain.Top.DeltaDiskFormat.Should().Be("redoLogFormat");
        chain.BelowTop!.Descriptor.FileName.Should().Be("vm1-000001.vmdk");
        chain.DeltaCount.Should().Be(2);
        VirtualMachineFacts.FromContent(content).RunningDeltaBytes.Should().Be(40960);
    }

    [Fact]
    public async Task Chain_in_vcsim_order_resolves_the_same()
    {
        var content = await ContentAsync(
            Devices(Backing("vm1-000001.vmdk", "redoLogFormat", Backing("vm1.vmdk", null, null))),
            Layout(
                File(1, "vm1.vmdk", "diskDescriptor", 500),
                File(2, "vm1-flat.vmdk", "diskExtent", 1048576),
                File(4, "vm1-000001.vmdk", "diskDescriptor", 300),
                File(5, "vm1-000001-delta.vmdk", "diskExtent", 20480),
                Chain(2000, [5, 4], [2, 1])));

        var chain = VirtualMachineFacts.FromContent(content).Disks.Single().Chain;

        chain.Base.Extent!.FileName.Should().Be("vm1-flat.vmdk");
        chain.Top.Extent!.FileName.Should().Be("vm1-000001-delta.vmdk");
    }

    [Fact]
    public async Task Looping_backing_chain_is_a_protocol_error()
    {
        var content = await ContentAsync(
            Devices(Backing("vm1.vmdk", null, Backing("vm1.vmdk", null, null))), Layout());

        var act = () => VirtualMachineFacts.FromContent(content);

        act.Should().Throw<VimProtocolException>().WithMessage("*loops*");
    }

    private static async Task<ObjectContent> ContentAsync(string devices, string layout)
    {
        var body = await Recorded.ParseAsync(Recorded.Envelope(
            "<RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval><objects><obj type=\"VirtualMachine\">vm-1</obj>"
            + "<propSet><name>config.hardware.device</name>" + devices + "</propSet>"
            + "<propSet><name>layoutEx</name>" + layout + "</propSet>"
            + "<propSet><name>runtime.powerState</name><val xsi:type=\"VirtualMachinePowerState\">poweredOn</val></propSet>"
            + "<propSet><name>guestHeartbeatStatus</name><val xsi:type=\"ManagedEntityStatus\">green</val></propSet>"
            + "</objects></returnval></RetrievePropertiesExResponse>"));
        return RetrieveResult.Parse(body!).Objects.Single();
    }

    private static string Devices(string backing) =>
        "<val xsi:type=\"ArrayOfVirtualDevice\"><VirtualDevice xsi:type=\"VirtualE1000\"><key>4000</key></VirtualDevice>"
        + "<VirtualDevice xsi:type=\"VirtualDisk\"><key>2000</key><deviceInfo><label>Hard disk 1</label></deviceInfo>" + backing
        + "<capacityInKB>1024</capacityInKB><capacityInBytes>1048576</capacityInBytes></VirtualDevice></val>";

    private static string Backing(string file, string? deltaFormat, string? parent) =>
        "<backing xsi:type=\"VirtualDiskFlatVer2BackingInfo\"><fileName>[ds1] vm1/" + file + "</fileName>"
        + "<datastore type=\"Datastore\">datastore-1</datastore><diskMode>persistent</diskMode>"
        + (parent is null ? "" : parent.Replace("<backing xsi:type=\"VirtualDiskFlatVer2BackingInfo\">", "<parent>", StringComparison.Ordinal).Replace("</backing>", "</parent>", StringComparison.Ordinal))
        + (deltaFormat is null ? "" : "<deltaDiskFormat>" + deltaFormat + "</deltaDiskFormat>")
        + "</backing>";

    private static string Layout(params string[] parts) => "<val xsi:type=\"VirtualMachineFileLayoutEx\">" + string.Concat(parts) + "</val>";

    private static string File(int key, string name, string type, long size) =>
        $"<file><key>{key}</key><name>[ds1] vm1/{name}</name><type>{type}</type><size>{size}</size></file>";

    private static string Chain(int diskKey, params int[][] elements) =>
        $"<disk><key>{diskKey}</key>" + string.Concat(elements.Select(e => "<chain>" + string.Concat(e.Select(k => $"<fileKey>{k}</fileKey>")) + "</chain>")) + "</disk>";
}
