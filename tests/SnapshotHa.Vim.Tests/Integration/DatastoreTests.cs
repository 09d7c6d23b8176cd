using System.Security.Cryptography;
using SnapshotHa.Vim.Datastores;
using SnapshotHa.Vim.Tests.Simulator;

namespace SnapshotHa.Vim.Tests.Integration;

public sealed class DatastoreTests(VcsimFixture fixture) : SimulatorTest<VcsimFixture>(fixture)
{
    private DatastorePath File(string name) => new(Sim.Launcher.Ready.DatastoreName, $"{Sim.Vm0.Name}/{name}");

    [Fact]
    public async Task Upload_then_download_round_trips()
    {
        var content = RandomNumberGenerator.GetBytes(300_000);
        var path = File("roundtrip.bin");

        await Sim.Client.Datastores.UploadAsync(path, new MemoryStream(content), CancellationToken.None);

        (await Sim.Client.Datastores.GetLengthAsync(path, CancellationToken.None)).Should().Be(content.Length);
        using var downloaded = new MemoryStream();
        var count = await Sim.Client.Datastores.DownloadAsync(path, downloaded, 0, null, CancellationToken.None);
        count.Should().Be(content.Length);
        downloaded.ToArray().Should().Equal(content);
    }

    [Fact]
    public async Task Download_resumes_with_Range_after_a_dropped_connection()
    {
        var content = RandomNumberGenerator.GetBytes(1_000_000);
        var path = File("dropped.bin");
        await Sim.Client.Datastores.UploadAsync(path, new MemoryStream(content), CancellationToken.None);
        await Sim.Launcher.Control.AddFaultAsync(new { kind = "dropDownload", afterBytes = 300_000, path = "dropped.bin" });

        using var downloaded = new MemoryStream();
        await Sim.Client.Datastores.DownloadAsync(path, downloaded, 0, null, CancellationToken.None);

        downloaded.ToArray().Should().Equal(content);
        var stats = await Sim.Launcher.Control.StatsAsync();
        stats["folder"]!["GET"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(2, "the download was resumed by a second GET");
    }

    [Fact]
    public async Task Download_from_an_offset_returns_the_tail()
    {
        var content = RandomNumberGenerator.GetBytes(50_000);
        var path = File("tail.bin");
        await Sim.Client.Datastores.UploadAsync(path, new MemoryStream(content), CancellationToken.None);

        using var downloaded = new MemoryStream();
        await Sim.Client.Datastores.DownloadAsync(path, downloaded, 12_345, null, CancellationToken.None);

        downloaded.ToArray().Should().Equal(content[12_345..]);
    }

    [Fact]
    public async Task Random_access_source_reads_ranges_and_stops_at_the_end()
    {
        var content = RandomNumberGenerator.GetBytes(100_000);
        var path = File("random.bin");
        await Sim.Client.Datastores.UploadAsync(path, new MemoryStream(content), CancellationToken.None);
        await Sim.Launcher.Control.AddFaultAsync(new { kind = "dropDownload", afterBytes = 1000, path = "random.bin" });

        await using var source = await Sim.Client.Datastores.OpenReadAsync(path, CancellationToken.None);
        var buffer = new byte[4096];
        var read = await source.ReadAsync(70_000, buffer, CancellationToken.None);
        var tail = await source.ReadAsync(98_000, buffer, CancellationToken.None);
        var past = await source.ReadAsync(100_000, buffer, CancellationToken.None);

        source.Length.Should().Be(content.Length);
        source.Name.Should().Be(path.ToString());
        read.Should().Be(4096);
        tail.Should().Be(2000);
        buffer.AsSpan(0, 2000).ToArray().Should().Equal(content[98_000..]);
        past.Should().Be(0);
    }

    [Fact]
    public async Task Small_sequential_reads_share_one_read_ahead_request()
    {
        var content = RandomNumberGenerator.GetBytes(DatastoreFileSource.ReadAheadBytes);
        var path = File("grains.bin");
        await Sim.Client.Datastores.UploadAsync(path, new MemoryStream(content), CancellationToken.None);
        await using var source = await Sim.Client.Datastores.OpenReadAsync(path, CancellationToken.None);
        var getsBefore = (await Sim.Launcher.Control.StatsAsync())["folder"]?["GET"]?.GetValue<int>() ?? 0;

        var grain = new byte[512];
        for (var offset = 0; offset < 64 * 512; offset += 512)
        {
            await source.ReadAsync(offset, grain, CancellationToken.None);
            grain.Should().Equal(content[offset..(offset + 512)]);
        }

        var getsAfter = (await Sim.Launcher.Control.StatsAsync())["folder"]!["GET"]!.GetValue<int>();
        (getsAfter - getsBefore).Should().Be(1);
    }

    [Fact]
    public async Task Extent_resolver_opens_siblings_and_refuses_escapes()
    {
        var facts = await Sim.Client.VirtualMachines.GetFactsAsync(Sim.Vm0.Reference, CancellationToken.None);
        var baseLayer = facts.Disks[0].Chain.Base;
        var resolver = Sim.Client.Datastores.CreateExtentResolver(baseLayer.Descriptor);

        await using var extent = await resolver.OpenAsync(baseLayer.Extent!.FileName, CancellationToken.None);

        extent.Length.Should().Be(Sim.Vm0.Disks[0].CapacityBytes);
        await FluentActions.Awaiting(() => resolver.OpenAsync("../ha-host_VM1/disk1-flat.vmdk", CancellationToken.None).AsTask())
            .Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => resolver.OpenAsync("/vmfs/volumes/ds/disk1-flat.vmdk", CancellationToken.None).AsTask())
            .Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => resolver.OpenAsync("missing-flat.vmdk", CancellationToken.None).AsTask())
            .Should().ThrowAsync<FileNotFoundException>();
    }

    [Fact]
    public async Task Refused_session_on_folder_logs_in_again_and_repeats_the_read_or_the_upload()
    {
        await using var client = await Sim.Launcher.ConnectAsync();
        var path = File("session.bin");
        await client.Datastores.UploadAsync(path, new MemoryStream(new byte[1234]), CancellationToken.None);
        await Sim.Launcher.Control.AddFaultAsync(new { kind = "terminateSession", method = "CurrentTime", afterCalls = 1 });
        await client.GetCurrentTimeAsync(CancellationToken.None);
        var logins = await Sim.Launcher.Control.CallCountAsync("Login");

        var length = await client.Datastores.GetLengthAsync(path, CancellationToken.None);

        length.Should().Be(1234);
        (await Sim.Launcher.Control.CallCountAsync("Login")).Should().Be(logins + 1);

        await Sim.Launcher.Control.AddFaultAsync(new { kind = "terminateSession", method = "CurrentTime", afterCalls = 1 });
        await client.GetCurrentTimeAsync(CancellationToken.None);
        await client.Datastores.UploadAsync(path, new MemoryStream(new byte[4321]), CancellationToken.None);

        (await client.Datastores.GetLengthAsync(path, CancellationToken.None)).Should().Be(4321);
        (await Sim.Launcher.Control.CallCountAsync("Login")).Should().Be(logins + 2);
    }

    [Fact]
    public async Task Missing_file_throws_FileNotFound()
    {
        var act = () => Sim.Client.Datastores.GetLengthAsync(File("nope.bin"), CancellationToken.None);

        await act.Should().ThrowAsync<FileNotFoundException>().WithMessage("*nope.bin*");
    }
}
