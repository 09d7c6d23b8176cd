using SnapshotHa.Disks.Tests.Fixtures;
using SnapshotHa.Disks.Tests.Support;
using SnapshotHa.Disks.Vmdk;

namespace SnapshotHa.Disks.Tests.Extents;

/// <summary>Hand-built SEsparse deltas with all four grain entry types and shuffled grain indexes, against qemu.</summary>
public sealed class SeSparseExtentTests
{
    [Fact]
    public async Task All_entry_types_read_as_qemu_reads_them()
    {
        using var dir = new TempDirectory();
        var expected = await EsxiChain.WriteBaseAsync(dir);
        var builder = new SeSparseBuilder(EsxiChain.Sectors)
            .Write(128 << 10, EsxiChain.Filled(128 << 10, 0xee))
            .Write(10 << 20, EsxiChain.Filled(4 << 10, 0x77))
            .Write(17 << 20, EsxiChain.Filled(8 << 10, 0x78))
            .Mark(20480000 / 4096, 2)
            .Mark((20480000 / 4096) + 1, 2)
            .Mark(1 << 8, 1);
        await EsxiChain.WriteSeSparseDeltaAsync(dir, "base-000002", builder);
        expected.AsSpan(128 << 10, 128 << 10).Fill(0xee);
        expected.AsSpan(10 << 20, 4 << 10).Fill(0x77);
        expected.AsSpan(17 << 20, 8 << 10).Fill(0x78);
        expected.AsSpan(20480000, 8192).Clear();
        expected.AsSpan(1 << 20, 4096).Clear();

        await using var chain = await VmdkChain.OpenFileAsync(dir.File("base-000002.vmdk"), CancellationToken.None);
        var ours = await DiskReading.ReadAllAsync(chain);
        ours.ShouldEqualBytes(expected, "our expectation");
        ours.ShouldEqualBytes(await Qemu.ConvertToRawAsync(dir.Path, "base-000002.vmdk"), "qemu's reading");

        await using var delta = await VmdkLayer.OpenFileAsync(dir.File("base-000002.vmdk"), CancellationToken.None);
        var allocated = await DiskReading.AllocatedAsync(delta);
        allocated.Should().Equal(
            new AllocatedRange(128 << 10, 128 << 10, ExtentKind.Data),
            new AllocatedRange(1 << 20, 4096, ExtentKind.Zero),
            new AllocatedRange(10 << 20, 4 << 10, ExtentKind.Data),
            new AllocatedRange(17 << 20, 8 << 10, ExtentKind.Data),
            new AllocatedRange(20480000, 8192, ExtentKind.Zero));
        allocated.Should().Equal(await Qemu.MapDepthZeroAsync(dir.Path, "base-000002.vmdk"));
    }

    [Fact]
    public async Task The_sparse_file_opened_alone_is_one_layer_with_header_capacity()
    {
        using var dir = new TempDirectory();
        new SeSparseBuilder(EsxiChain.Sectors).Write(0, EsxiChain.Filled(4096, 0x99)).WriteTo(dir.File("x-sesparse.vmdk"));

        await using var layer = await VmdkLayer.OpenFileAsync(dir.File("x-sesparse.vmdk"), CancellationToken.None);
        var first = new byte[8192];
        await layer.ReadAsync(0, first, CancellationToken.None);

        layer.Capacity.Should().Be(EsxiChain.Capacity);
        first[..4096].Should().OnlyContain(b => b == 0x99);
        first[4096..].Should().OnlyContain(b => b == 0);
    }
}
