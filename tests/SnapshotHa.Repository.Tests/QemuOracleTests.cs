using System.Globalization;
using SnapshotHa.Disks.Tests.Fixtures;
using SnapshotHa.Disks.Tests.Support;
using SnapshotHa.Disks.Vmdk;
using SnapshotHa.Repository.Merging;

namespace SnapshotHa.Repository.Tests;

/// <summary>
/// Seed + merge + materialize against qemu-img as an independent reader: the materialized image must equal
/// <c>qemu-img convert -O raw</c> of the top of the chain, byte for byte.
/// </summary>
public sealed class QemuOracleTests
{
    private const long Small = 64L << 20;

    [Theory]
    [InlineData("monolithicSparse", Small, 1)]
    [InlineData("monolithicSparse", Small, 2)]
    [InlineData("twoGbMaxExtentSparse", (2L << 30) + (64L << 20), 3)]
    [InlineData("streamOptimized", Small, 4)]
    public async Task Merged_chain_materializes_as_qemu_reads_the_top(string subformat, long capacity, int seed)
    {
        using var dir = new TempDirectory();
        var random = new Random(seed);
        var size = capacity.ToString(CultureInfo.InvariantCulture);
        var baseFormat = capacity > Small ? "monolithicSparse" : "monolithicFlat";
        await Qemu.ImgAsync(dir.Path, "create", "-q", "-f", "vmdk", "-o", $"subformat={baseFormat}", "base.vmdk", size);
        await Qemu.IoAsync(dir.Path, [.. RandomWrites(random, capacity, 12, grainAligned: false, zeros: false), "base.vmdk"]);
        var zeroed = subformat == "monolithicSparse" ? ",zeroed_grain=on" : string.Empty;
        var streamOptimized = subformat == "streamOptimized";
        var chain = new List<string> { "base.vmdk" };
        for (var level = 1; level <= 2; level++)
        {
            var child = $"child{level}.vmdk";
            await Qemu.ImgAsync(dir.Path, "create", "-q", "-f", "vmdk", "-o", $"subformat={subformat}{zeroed}", "-b", chain[^1], "-F", "vmdk", child, size);
            await Qemu.IoAsync(dir.Path, [.. RandomWrites(random, capacity, 40, grainAligned: streamOptimized, zeros: !streamOptimized), child]);
            chain.Add(child);
        }

        await using var fixture = await RepositoryFixture.CreateAsync(new RepositoryOptions());
        string? parent = null;
        foreach (var layerFile in chain)
        {
            await using var layer = await VmdkLayer.OpenFileAsync(dir.File(layerFile), CancellationToken.None);
            var result = await fixture.Repository.MergeAsync(new MergeRequest("vm", parent, [new LayerInput("scsi0:0", layer)], null), null, CancellationToken.None);
            parent = result.Image.Id;
        }

        await fixture.Repository.MaterializeAsync(parent!, "scsi0:0", dir.File("out.vmdk"), CancellationToken.None);
        await Qemu.ImgAsync(dir.Path, "convert", "-f", "vmdk", "-O", "raw", "out.vmdk", "ours.raw");
        await Qemu.ImgAsync(dir.Path, "convert", "-f", "vmdk", "-O", "raw", chain[^1], "oracle.raw");
        FilesEqual(dir.File("ours.raw"), dir.File("oracle.raw")).Should().BeNull();
        fixture.Repository.Verify(null, CancellationToken.None).Ok.Should().BeTrue();
    }

    [Fact]
    public async Task Merged_vmfsSparse_delta_equals_our_expectation_including_zeroed_grains()
    {
        using var dir = new TempDirectory();
        var expected = await EsxiChain.WriteBaseAsync(dir);
        var builder = new CowdBuilder(EsxiChain.Sectors)
            .Write(64 << 10, EsxiChain.Filled(64 << 10, 0xab))
            .Write(3 << 20, EsxiChain.Filled(512, 0x44))
            .Zero(300)
            .Zero(301);
        await EsxiChain.WriteCowdDeltaAsync(dir, "base-000001", builder);
        expected.AsSpan(64 << 10, 64 << 10).Fill(0xab);
        expected.AsSpan(3 << 20, 512).Fill(0x44);
        expected.AsSpan(300 * 512, 1024).Clear();

        var merged = await SeedAndMergeAsync(dir, "base-000001.vmdk");

        merged.Should().Equal(expected, "COWD grain entry 1 is a zeroed grain (qemu misreads it, so the expectation is ours)");
    }

    [Fact]
    public async Task Merged_seSparse_delta_equals_qemu_convert()
    {
        using var dir = new TempDirectory();
        await EsxiChain.WriteBaseAsync(dir);
        var builder = new SeSparseBuilder(EsxiChain.Sectors)
            .Write(128 << 10, EsxiChain.Filled(128 << 10, 0xee))
            .Write(10 << 20, EsxiChain.Filled(4 << 10, 0x77))
            .Mark(5000, 2)
            .Mark(1 << 8, 1);
        await EsxiChain.WriteSeSparseDeltaAsync(dir, "base-000002", builder);

        var merged = await SeedAndMergeAsync(dir, "base-000002.vmdk");

        merged.Should().Equal(await Qemu.ConvertToRawAsync(dir.Path, "base-000002.vmdk"));
    }

    private static async Task<byte[]> SeedAndMergeAsync(TempDirectory dir, string delta)
    {
        await using var fixture = await RepositoryFixture.CreateAsync(new RepositoryOptions());
        await using var baseLayer = await VmdkLayer.OpenFileAsync(dir.File("base.vmdk"), CancellationToken.None);
        var seed = await fixture.Repository.MergeAsync(new MergeRequest("vm", null, [new LayerInput("d", baseLayer)], null), null, CancellationToken.None);
        await using var deltaLayer = await VmdkLayer.OpenFileAsync(dir.File(delta), CancellationToken.None);
        var merged = await fixture.Repository.MergeAsync(new MergeRequest("vm", seed.Image.Id, [new LayerInput("d", deltaLayer)], null), null, CancellationToken.None);
        return await fixture.ReadDiskAsync(merged.Image, "d");
    }

    /// <summary>qemu-io arguments for random pattern (and zero) writes; grain-aligned and non-overlapping when asked.</summary>
    private static List<string> RandomWrites(Random random, long capacity, int count, bool grainAligned, bool zeros)
    {
        var arguments = new List<string> { "-f", "vmdk" };
        var usedGrains = new HashSet<long>();
        for (var i = 0; i < count; i++)
        {
            long offset;
            long length;
            if (grainAligned)
            {
                var grain = random.NextInt64(capacity / 65536);
                if (!usedGrains.Add(grain))
                {
                    continue;
                }

                (offset, length) = (grain * 65536, 65536);
            }
            else
            {
                length = random.Next(1, 257) * 512L;
                offset = random.NextInt64((capacity - length) / 512) * 512;
            }

            var command = zeros && random.Next(5) == 0
                ? $"write -z {offset} {length}"
                : $"write -P 0x{random.Next(1, 256):x2} {offset} {length}";
            arguments.AddRange(["-c", command]);
        }

        return arguments;
    }

    private static string? FilesEqual(string left, string right)
    {
        using var a = File.OpenRead(left);
        using var b = File.OpenRead(right);
        if (a.Length != b.Length)
        {
            return $"lengths differ: {a.Length} vs {b.Length}";
        }

        var bufferA = new byte[1 << 20];
        var bufferB = new byte[1 << 20];
        for (long position = 0; position < a.Length; position += bufferA.Length)
        {
            var readA = a.ReadAtLeast(bufferA, bufferA.Length, throwOnEndOfStream: false);
            var readB = b.ReadAtLeast(bufferB, bufferB.Length, throwOnEndOfStream: false);
            var mismatch = bufferA.AsSpan(0, readA).CommonPrefixLength(bufferB.AsSpan(0, readB));
            if (mismatch != readA || readA != readB)
            {
                return $"first difference at byte {position + mismatch}";
            }
        }

        return null;
    }
}
