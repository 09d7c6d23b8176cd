using SnapshotHa.Disks.Tests.Support;
using SnapshotHa.Disks.Vmdk;

namespace SnapshotHa.Disks.Tests.Vmdk;

/// <summary>Flat layouts: qemu's monolithicFlat, multi-extent FLAT with offsets, RDONLY and ZERO extents.</summary>
public sealed class FlatLayerTests
{
    [Fact]
    public async Task Qemu_monolithic_flat_reads_as_qemu_reads_it()
    {
        using var dir = new TempDirectory();
        await Qemu.ImgAsync(dir.Path, "create", "-q", "-f", "vmdk", "-o", "subformat=monolithicFlat", "flat.vmdk", "8M");
        await QemuChainOracleTests.WriteAsync(dir, "flat.vmdk", "write -P 0x61 1M 3M", "write -P 0x62 7M 512");

        await using var layer = await VmdkLayer.OpenFileAsync(dir.File("flat.vmdk"), CancellationToken.None);

        (await DiskReading.ReadAllAsync(layer)).ShouldEqualBytes(await Qemu.ConvertToRawAsync(dir.Path, "flat.vmdk"), "monolithicFlat");
        (await DiskReading.AllocatedAsync(layer)).Should().Equal(new AllocatedRange(0, 8 << 20, ExtentKind.Data));
    }

    [Fact]
    public async Task Multi_extent_flat_with_offsets_reads_as_qemu_reads_it()
    {
        using var dir = new TempDirectory();
        var random = new Random(17);
        var first = new byte[1 << 20];
        var second = new byte[1 << 19];
        random.NextBytes(first);
        random.NextBytes(second);
        await File.WriteAllBytesAsync(dir.File("a.bin"), first);
        await File.WriteAllBytesAsync(dir.File("b.bin"), second);
        await File.WriteAllTextAsync(dir.File("m.vmdk"), "# Disk DescriptorFile\nversion=1\nCID=fffffffe\nparentCID=ffffffff\ncreateType=\"twoGbMaxExtentFlat\"\n\n# Extent description\nRW 900 FLAT \"a.bin\" 0\nRW 1024 FLAT \"b.bin\" 0\nRW 100 FLAT \"a.bin\" 1000\n");

        await using var layer = await VmdkLayer.OpenFileAsync(dir.File("m.vmdk"), CancellationToken.None);
        var ours = await DiskReading.ReadAllAsync(layer, chunk: 77 * 512);

        ours.ShouldEqualBytes(await Qemu.ConvertToRawAsync(dir.Path, "m.vmdk"), "multi-extent flat");
        ours.AsSpan(0, 900 * 512).SequenceEqual(first.AsSpan(0, 900 * 512)).Should().BeTrue();
        ours.AsSpan(900 * 512, second.Length).SequenceEqual(second).Should().BeTrue();
        ours.AsSpan(1924 * 512).SequenceEqual(first.AsSpan(1000 * 512, 100 * 512)).Should().BeTrue();
    }

    [Fact]
    public async Task Read_only_and_zero_extents_are_honoured()
    {
        using var dir = new TempDirectory();
        var data = new byte[4096];
        data.AsSpan().Fill(0x7e);
        await File.WriteAllBytesAsync(dir.File("r.bin"), data);
        await File.WriteAllTextAsync(dir.File("z.vmdk"), "createType=\"custom\"\nRDONLY 8 FLAT \"r.bin\" 0\nRW 16 ZERO\n");

        await using var layer = await VmdkLayer.OpenFileAsync(dir.File("z.vmdk"), CancellationToken.None);
        var bytes = await DiskReading.ReadAllAsync(layer);

        layer.Capacity.Should().Be(24 * 512);
        bytes.AsSpan(0, 4096).SequenceEqual(data).Should().BeTrue();
        bytes.AsSpan(4096).IndexOfAnyExcept((byte)0).Should().Be(-1);
        (await DiskReading.AllocatedAsync(layer)).Should().Equal(
            new AllocatedRange(0, 4096, ExtentKind.Data),
            new AllocatedRange(4096, 8192, ExtentKind.Zero));
    }

    [Fact]
    public async Task Zero_capacity_sparse_file_with_embedded_descriptor_opens_the_extents_it_names()
    {
        using var dir = new TempDirectory();
        var data = new byte[8192];
        new Random(23).NextBytes(data);
        await File.WriteAllBytesAsync(dir.File("data.bin"), data);
        var wrapper = new byte[1024];
        "KDMV"u8.CopyTo(wrapper);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(wrapper.AsSpan(4), 1);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(wrapper.AsSpan(20), 128);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(wrapper.AsSpan(28), 1);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(wrapper.AsSpan(36), 1);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(wrapper.AsSpan(44), 512);
        System.Text.Encoding.ASCII.GetBytes("# Disk DescriptorFile\nversion=1\nCID=fffffffe\nparentCID=ffffffff\ncreateType=\"monolithicFlat\"\n\n# Extent description\nRW 16 FLAT \"data.bin\" 0\n").CopyTo(wrapper, 512);
        await File.WriteAllBytesAsync(dir.File("w.vmdk"), wrapper);

        await using var layer = await VmdkLayer.OpenFileAsync(dir.File("w.vmdk"), CancellationToken.None);

        (await DiskReading.ReadAllAsync(layer)).ShouldEqualBytes(data, "the named flat extent");
        (await Qemu.ConvertToRawAsync(dir.Path, "w.vmdk")).ShouldEqualBytes(data, "qemu reads the same");
    }

    [Theory]
    [InlineData("windows-1252")]
    [InlineData("GBK")]
    public async Task Descriptor_in_a_declared_legacy_encoding_names_its_extent_correctly(string encodingName)
    {
        using var dir = new TempDirectory();
        var extentName = encodingName == "GBK" ? "磁盘-flat.vmdk" : "dísk-flat.vmdk";
        await File.WriteAllBytesAsync(dir.File(extentName), new byte[1024]);
        var encoding = System.Text.CodePagesEncodingProvider.Instance.GetEncoding(encodingName)!;
        await File.WriteAllBytesAsync(dir.File("e.vmdk"), encoding.GetBytes($"encoding=\"{encodingName}\"\ncreateType=\"monolithicFlat\"\nRW 2 FLAT \"{extentName}\" 0\n"));

        await using var layer = await VmdkLayer.OpenFileAsync(dir.File("e.vmdk"), CancellationToken.None);

        ((VmdkLayer)layer).Descriptor!.Extents[0].FileName.Should().Be(extentName);
        layer.Capacity.Should().Be(1024);
    }

    [Fact]
    public async Task Reads_outside_the_disk_are_argument_errors()
    {
        using var dir = new TempDirectory();
        await File.WriteAllBytesAsync(dir.File("r.bin"), new byte[1024]);
        await File.WriteAllTextAsync(dir.File("o.vmdk"), "createType=\"custom\"\nRW 2 FLAT \"r.bin\" 0\n");
        await using var layer = await VmdkLayer.OpenFileAsync(dir.File("o.vmdk"), CancellationToken.None);

        var past = async () => await layer.ReadAsync(512, new byte[1024], CancellationToken.None);
        var negative = async () => await layer.ReadAsync(-512, new byte[512], CancellationToken.None);

        await past.Should().ThrowAsync<ArgumentOutOfRangeException>();
        await negative.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }
}
