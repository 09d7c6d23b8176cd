using SnapshotHa.Disks.Tests.Fixtures;
using SnapshotHa.Disks.Tests.Support;
using SnapshotHa.Disks.Vmdk;

namespace SnapshotHa.Disks.Tests.Extents;

/// <summary>VMware-style streamOptimized files (directory at the end, footer, markers), against qemu.</summary>
public sealed class StreamOptimizedTests
{
    [Fact]
    public async Task Footer_variant_reads_as_qemu_reads_it()
    {
        using var dir = new TempDirectory();
        var random = new Random(11);
        var noise = new byte[3 * StreamOptimizedBuilder.GrainBytes];
        random.NextBytes(noise);
        var builder = new StreamOptimizedBuilder((40L << 20) / 512)
            .Write(0, noise)
            .Write(33L << 20, EsxiChain.Filled(StreamOptimizedBuilder.GrainBytes, 0x42))
            .Write((40L << 20) - StreamOptimizedBuilder.GrainBytes, EsxiChain.Filled(StreamOptimizedBuilder.GrainBytes, 0x43));
        await File.WriteAllBytesAsync(dir.File("stream.vmdk"), builder.Build());

        await using var layer = await VmdkLayer.OpenFileAsync(dir.File("stream.vmdk"), CancellationToken.None);
        var ours = await DiskReading.ReadAllAsync(layer, chunk: 100_000 / 512 * 512);

        ours.ShouldEqualBytes(await Qemu.ConvertToRawAsync(dir.Path, "stream.vmdk"), "VMware streamOptimized");
        ours.AsSpan(0, noise.Length).SequenceEqual(noise).Should().BeTrue();
        (await DiskReading.AllocatedAsync(layer)).Should().Equal(await Qemu.MapDepthZeroAsync(dir.Path, "stream.vmdk"));
        ((VmdkLayer)layer).Descriptor!.CreateType.Should().Be("streamOptimized");
    }
}
