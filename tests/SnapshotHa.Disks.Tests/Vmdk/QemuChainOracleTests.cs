using SnapshotHa.Disks.Tests.Support;
using SnapshotHa.Disks.Vmdk;

namespace SnapshotHa.Disks.Tests.Vmdk;

/// <summary>qemu-generated hosted chains: our reads and allocation maps against qemu-img convert and map.</summary>
public sealed class QemuChainOracleTests
{
    private static readonly string[] ChildWrites = ["write -P 0xab 0 64k", "write -P 0xcd 33M 64k", "write -P 0xef 62M 2M"];

    [Theory]
    [InlineData("monolithicSparse")]
    [InlineData("twoGbMaxExtentSparse")]
    [InlineData("streamOptimized")]
    public async Task Chain_read_equals_qemu_convert_and_child_map_equals_qemu_map(string subformat)
    {
        using var dir = new TempDirectory();
        await CreateBaseAsync(dir, "64M");
        await Qemu.ImgAsync(dir.Path, "create", "-q", "-f", "vmdk", "-o", $"subformat={subformat}", "-b", "base.vmdk", "-F", "vmdk", "child.vmdk");
        await WriteAsync(dir, "child.vmdk", ChildWrites);

        await using var chain = await VmdkChain.OpenFileAsync(dir.File("child.vmdk"), CancellationToken.None);
        var ours = await DiskReading.ReadAllAsync(chain);
        ours.ShouldEqualBytes(await Qemu.ConvertToRawAsync(dir.Path, "child.vmdk"), $"{subformat} child over monolithicSparse base");
        ((VmdkChain)chain).Layers.Should().HaveCount(2);

        await using var child = await VmdkLayer.OpenFileAsync(dir.File("child.vmdk"), CancellationToken.None);
        (await DiskReading.AllocatedAsync(child)).Should().Equal(await Qemu.MapDepthZeroAsync(dir.Path, "child.vmdk"));
        await using var parent = await VmdkLayer.OpenFileAsync(dir.File("base.vmdk"), CancellationToken.None);
        (await DiskReading.AllocatedAsync(parent)).Should().Equal(await Qemu.MapDepthZeroAsync(dir.Path, "base.vmdk"));
    }

    [Fact]
    public async Task Zeroed_grains_hide_the_parent_and_map_as_zero()
    {
        using var dir = new TempDirectory();
        await CreateBaseAsync(dir, "64M");
        await Qemu.ImgAsync(dir.Path, "create", "-q", "-f", "vmdk", "-o", "subformat=monolithicSparse,zeroed_grain=on", "-b", "base.vmdk", "-F", "vmdk", "child.vmdk");
        await WriteAsync(dir, "child.vmdk", "write -z 10M 64k", "write -z 0 128k", "write -P 0x5a 40M 64k");

        await using var chain = await VmdkChain.OpenFileAsync(dir.File("child.vmdk"), CancellationToken.None);
        var ours = await DiskReading.ReadAllAsync(chain);
        ours.ShouldEqualBytes(await Qemu.ConvertToRawAsync(dir.Path, "child.vmdk"), "zeroed grains over data");
        ours.AsSpan(10 << 20, 64 << 10).IndexOfAnyExcept((byte)0).Should().Be(-1, "the child zeroed the parent's 0x22");

        await using var child = await VmdkLayer.OpenFileAsync(dir.File("child.vmdk"), CancellationToken.None);
        var allocated = await DiskReading.AllocatedAsync(child);
        allocated.Should().Equal(await Qemu.MapDepthZeroAsync(dir.Path, "child.vmdk"));
        allocated.Should().Contain(new AllocatedRange(10 << 20, 64 << 10, ExtentKind.Zero));
    }

    [Fact]
    public async Task Two_extent_chain_across_the_2_GiB_boundary_compares_equal_in_qemu()
    {
        using var dir = new TempDirectory();
        await Qemu.ImgAsync(dir.Path, "create", "-q", "-f", "vmdk", "-o", "subformat=twoGbMaxExtentSparse", "base.vmdk", "2112M");
        await WriteAsync(dir, "base.vmdk", "write -P 0x11 2040M 16M", "write -P 0x12 0 1M");
        await Qemu.ImgAsync(dir.Path, "create", "-q", "-f", "vmdk", "-o", "subformat=twoGbMaxExtentSparse", "-b", "base.vmdk", "-F", "vmdk", "child.vmdk");
        await WriteAsync(dir, "child.vmdk", "write -P 0x21 2047M 2M", "write -P 0x22 2100M 64k");

        await using var chain = await VmdkChain.OpenFileAsync(dir.File("child.vmdk"), CancellationToken.None);
        chain.Capacity.Should().Be(2112L << 20);
        var raw = dir.File("ours.raw");
        await using (var output = new FileStream(raw, FileMode.Create, FileAccess.Write))
        {
            output.SetLength(chain.Capacity);
            await foreach (var range in chain.EnumerateAllocatedAsync(CancellationToken.None))
            {
                var bytes = new byte[range.Length];
                await chain.ReadAsync(range.Offset, bytes, CancellationToken.None);
                output.Position = range.Offset;
                await output.WriteAsync(bytes);
            }
        }

        var verdict = await Qemu.ImgAsync(dir.Path, "compare", "-f", "raw", "-F", "vmdk", "ours.raw", "child.vmdk");
        verdict.Should().Contain("Images are identical");
        await using var child = await VmdkLayer.OpenFileAsync(dir.File("child.vmdk"), CancellationToken.None);
        (await DiskReading.AllocatedAsync(child)).Should().Equal(await Qemu.MapDepthZeroAsync(dir.Path, "child.vmdk"));
    }

    [Fact]
    public async Task Qemu_streamOptimized_conversion_reads_as_the_merged_chain()
    {
        using var dir = new TempDirectory();
        await CreateBaseAsync(dir, "64M");
        await Qemu.ImgAsync(dir.Path, "create", "-q", "-f", "vmdk", "-b", "base.vmdk", "-F", "vmdk", "child.vmdk");
        await WriteAsync(dir, "child.vmdk", ChildWrites);
        await Qemu.ImgAsync(dir.Path, "convert", "-f", "vmdk", "-O", "vmdk", "-o", "subformat=streamOptimized", "child.vmdk", "so.vmdk");

        await using var stream = await VmdkLayer.OpenFileAsync(dir.File("so.vmdk"), CancellationToken.None);
        (await DiskReading.ReadAllAsync(stream)).ShouldEqualBytes(await Qemu.ConvertToRawAsync(dir.Path, "child.vmdk"), "streamOptimized copy");
        ((VmdkLayer)stream).Descriptor!.CreateType.Should().Be("streamOptimized");
    }

    internal static async Task CreateBaseAsync(TempDirectory dir, string size)
    {
        await Qemu.ImgAsync(dir.Path, "create", "-q", "-f", "vmdk", "-o", "subformat=monolithicSparse", "base.vmdk", size);
        await WriteAsync(dir, "base.vmdk", "write -P 0x11 0 1M", "write -P 0x22 10M 64k", "write -P 0x33 32M 4M");
    }

    internal static Task WriteAsync(TempDirectory dir, string file, params string[] commands) =>
        Qemu.IoAsync(dir.Path, [.. commands.SelectMany(c => new[] { "-c", c }), "-f", "vmdk", file]);
}
