using System.Globalization;
using CsCheck;
using SnapshotHa.Disks.Descriptors;
using SnapshotHa.Disks.Sources;
using SnapshotHa.Disks.Tests.Fixtures;
using SnapshotHa.Disks.Tests.Support;
using SnapshotHa.Disks.Vmdk;

namespace SnapshotHa.Disks.Tests.Vmdk;

/// <summary>Random write patterns: qemu-written children against qemu, hand-built ESXi deltas against a byte model.</summary>
public sealed class RandomWritePropertyTests
{
    private const int DiskBytes = 16 << 20;

    /// <summary>A write of <c>Sectors</c> sectors at <c>Sector</c> with <c>Pattern</c>; pattern 0 means a zero write.</summary>
    private static readonly Gen<(int Sector, int Sectors, byte Pattern)[]> Writes =
        Gen.Select(Gen.Int[0, (DiskBytes / 512) - 1], Gen.Int[1, 300], Gen.Byte[0, 15].Select(b => (byte)(b * 17))).Array[1, 10];

    [Theory]
    [InlineData("monolithicSparse")]
    [InlineData("twoGbMaxExtentSparse")]
    public async Task Qemu_written_children_read_and_map_as_qemu_says(string subformat)
    {
        await Writes.SampleAsync(
            async writes =>
            {
                using var dir = new TempDirectory();
                await Qemu.ImgAsync(dir.Path, "create", "-q", "-f", "vmdk", "base.vmdk", "16M");
                await QemuChainOracleTests.WriteAsync(dir, "base.vmdk", "write -P 0x11 0 3M", "write -P 0x12 8M 4M");
                await Qemu.ImgAsync(dir.Path, "create", "-q", "-f", "vmdk", "-o", $"subformat={subformat},zeroed_grain=on", "-b", "base.vmdk", "-F", "vmdk", "child.vmdk");
                await QemuChainOracleTests.WriteAsync(dir, "child.vmdk", [.. writes.Select(QemuCommand)]);

                await using var chain = await VmdkChain.OpenFileAsync(dir.File("child.vmdk"), CancellationToken.None);
                (await DiskReading.ReadAllAsync(chain, chunk: 3 << 19)).ShouldEqualBytes(await Qemu.ConvertToRawAsync(dir.Path, "child.vmdk"), subformat);
                await using var child = await VmdkLayer.OpenFileAsync(dir.File("child.vmdk"), CancellationToken.None);
                (await DiskReading.AllocatedAsync(child)).Should().Equal(await Qemu.MapDepthZeroAsync(dir.Path, "child.vmdk"));
            },
            iter: 6,
            threads: 1);
    }

    [Fact]
    public async Task Hand_built_COWD_and_SEsparse_deltas_read_as_the_byte_model()
    {
        await Writes.SampleAsync(
            async writes =>
            {
                var baseBytes = new byte[DiskBytes];
                baseBytes.AsSpan().Fill(0x11);
                var cowdModel = (byte[])baseBytes.Clone();
                var seModel = (byte[])baseBytes.Clone();
                var cowd = new CowdBuilder(DiskBytes / 512);
                var se = new SeSparseBuilder(DiskBytes / 512);
                foreach (var (sector, sectors, pattern) in writes)
                {
                    var length = (int)Math.Min(sectors * 512L, DiskBytes - (sector * 512L));
                    ApplyGrains(cowdModel, sector * 512, length, 512, pattern, (g, data) => cowd = data is null ? cowd.Zero(g) : cowd.Write(g * 512, data));
                    ApplyGrains(seModel, sector * 512, length, SeSparseBuilder.GrainBytes, pattern, (g, data) => se = data is null ? se.Mark(g, 1 + (int)(g % 2)) : se.Write(g * SeSparseBuilder.GrainBytes, data));
                }

                using var dir = new TempDirectory();
                se.WriteTo(dir.File("se.bin"));
                var files = new Dictionary<string, byte[]>
                {
                    ["base.vmdk"] = System.Text.Encoding.ASCII.GetBytes(EsxiDescriptors.Base(DiskBytes / 512, "base-flat.vmdk")),
                    ["base-flat.vmdk"] = baseBytes,
                    ["cowd.vmdk"] = System.Text.Encoding.ASCII.GetBytes(EsxiDescriptors.Delta(DiskBytes / 512, "vmfsSparse", VmdkExtentType.VmfsSparse, "cowd-delta.vmdk", "base.vmdk")),
                    ["cowd-delta.vmdk"] = cowd.Build(),
                    ["se.vmdk"] = System.Text.Encoding.ASCII.GetBytes(EsxiDescriptors.Delta(DiskBytes / 512, "seSparse", VmdkExtentType.SeSparse, "se-sparse.vmdk", "base.vmdk")),
                    ["se-sparse.vmdk"] = await File.ReadAllBytesAsync(dir.File("se.bin")),
                };
                var resolver = new MemoryExtentResolver(files);

                await using var cowdChain = await VmdkChain.OpenAsync(resolver, "cowd.vmdk", CancellationToken.None);
                (await DiskReading.ReadAllAsync(cowdChain, chunk: 5 * 4096)).ShouldEqualBytes(cowdModel, "COWD model");
                await using var seChain = await VmdkChain.OpenAsync(resolver, "se.vmdk", CancellationToken.None);
                (await DiskReading.ReadAllAsync(seChain, chunk: 7 * 4096)).ShouldEqualBytes(seModel, "SEsparse model");
            },
            iter: 25,
            threads: 1);
    }

    private static string QemuCommand((int Sector, int Sectors, byte Pattern) write)
    {
        var length = Math.Min(write.Sectors * 512L, DiskBytes - (write.Sector * 512L));
        var offset = (write.Sector * 512L).ToString(CultureInfo.InvariantCulture);
        return write.Pattern == 0
            ? $"write -z {offset} {length}"
            : $"write -P 0x{write.Pattern:x2} {offset} {length}";
    }

    /// <summary>Applies a write to the model at grain granularity (builders store whole grains), calling <paramref name="store"/> per grain.</summary>
    private static void ApplyGrains(byte[] model, long offset, int length, int grainBytes, byte pattern, Action<long, byte[]?> store)
    {
        for (var grain = offset / grainBytes; grain * grainBytes < offset + length; grain++)
        {
            var start = grain * grainBytes;
            var from = Math.Max(offset, start);
            var to = Math.Min(offset + length, start + grainBytes);
            model.AsSpan((int)from, (int)(to - from)).Fill(pattern);
            var whole = pattern == 0 && from == start && to == start + grainBytes;
            store(grain, whole ? null : model.AsSpan((int)start, grainBytes).ToArray());
        }
    }
}
