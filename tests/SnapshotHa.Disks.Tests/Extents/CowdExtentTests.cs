using SnapshotHa.Disks.Tests.Fixtures;
using SnapshotHa.Disks.Tests.Support;
using SnapshotHa.Disks.Vmdk;

namespace SnapshotHa.Disks.Tests.Extents;

/// <summary>Hand-built vmfsSparse (COWD) deltas over a vmfs base, checked against qemu and, for entry 1, our expectation.</summary>
public sealed class CowdExtentTests
{
    [Fact]
    public async Task Chain_read_equals_qemu_convert_and_allocation_equals_qemu_map()
    {
        using var dir = new TempDirectory();
        await EsxiChain.WriteBaseAsync(dir);
        var builder = new CowdBuilder(EsxiChain.Sectors)
            .Write(64 << 10, EsxiChain.Filled(64 << 10, 0xab))
            .Write(10 << 20, EsxiChain.Filled(4 << 10, 0xcd))
            .Write(3 << 20, EsxiChain.Filled(512, 0x44));
        await EsxiChain.WriteCowdDeltaAsync(dir, "base-000001", builder);

        await using var chain = await VmdkChain.OpenFileAsync(dir.File("base-000001.vmdk"), CancellationToken.None);
        (await DiskReading.ReadAllAsync(chain)).ShouldEqualBytes(await Qemu.ConvertToRawAsync(dir.Path, "base-000001.vmdk"), "COWD over vmfs");
        ((VmdkChain)chain).Warnings.Should().BeEmpty();

        await using var delta = await VmdkLayer.OpenFileAsync(dir.File("base-000001.vmdk"), CancellationToken.None);
        var allocated = await DiskReading.AllocatedAsync(delta);
        allocated.Should().Equal(await Qemu.MapDepthZeroAsync(dir.Path, "base-000001.vmdk"));
        allocated.Should().Equal(
            new AllocatedRange(64 << 10, 64 << 10, ExtentKind.Data),
            new AllocatedRange(3 << 20, 512, ExtentKind.Data),
            new AllocatedRange(10 << 20, 4 << 10, ExtentKind.Data));
    }

    [Fact]
    public async Task Entry_1_is_a_zeroed_grain_that_hides_the_parent()
    {
        using var dir = new TempDirectory();
        var expected = await EsxiChain.WriteBaseAsync(dir);
        var builder = new CowdBuilder(EsxiChain.Sectors).Write(64 << 10, EsxiChain.Filled(64 << 10, 0xab)).Zero(300).Zero(301);
        await EsxiChain.WriteCowdDeltaAsync(dir, "pf", builder);
        expected.AsSpan(64 << 10, 64 << 10).Fill(0xab);
        expected.AsSpan(300 * 512, 1024).Clear();

        await using var chain = await VmdkChain.OpenFileAsync(dir.File("pf.vmdk"), CancellationToken.None);
        (await DiskReading.ReadAllAsync(chain)).ShouldEqualBytes(expected, "COWD entry 1 reads as zeros (qemu differs)");
        await using var delta = await VmdkLayer.OpenFileAsync(dir.File("pf.vmdk"), CancellationToken.None);
        (await DiskReading.AllocatedAsync(delta)).Should().Equal(
            new AllocatedRange(64 << 10, 64 << 10, ExtentKind.Data),
            new AllocatedRange(300 * 512, 1024, ExtentKind.Zero));
    }

    [Fact]
    public async Task Larger_grains_from_the_header_are_honoured()
    {
        using var dir = new TempDirectory();
        await EsxiChain.WriteBaseAsync(dir);
        var builder = new CowdBuilder(EsxiChain.Sectors, grainSectors: 16).Write(8 << 20, EsxiChain.Filled(16 << 10, 0x5e));
        await EsxiChain.WriteCowdDeltaAsync(dir, "g16", builder);

        await using var chain = await VmdkChain.OpenFileAsync(dir.File("g16.vmdk"), CancellationToken.None);
        (await DiskReading.ReadAllAsync(chain)).ShouldEqualBytes(await Qemu.ConvertToRawAsync(dir.Path, "g16.vmdk"), "COWD with 8 KiB grains");
    }
}
