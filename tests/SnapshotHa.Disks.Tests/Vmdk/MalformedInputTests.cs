using System.Buffers.Binary;
using System.Text;
using SnapshotHa.Disks.Sources;
using SnapshotHa.Disks.Tests.Fixtures;
using SnapshotHa.Disks.Tests.Support;
using SnapshotHa.Disks.Vmdk;

namespace SnapshotHa.Disks.Tests.Vmdk;

/// <summary>Malformed files are <see cref="InvalidDataException"/>s naming the file: never crashes, hangs or huge allocations.</summary>
public sealed class MalformedInputTests
{
    [Fact]
    public async Task Truncated_sparse_file_fails_naming_it()
    {
        var file = (await QemuSparseAsync())[..700];

        await ShouldFailAsync(Files(("t.vmdk", file)), "t.vmdk", "t.vmdk");
    }

    [Fact]
    public async Task Grain_directory_past_the_end_fails()
    {
        var file = await QemuSparseAsync();
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(56), 1UL << 40);

        await ShouldFailAsync(Files(("gd.vmdk", file)), "gd.vmdk", "grain directory");
    }

    [Fact]
    public async Task Huge_capacity_with_a_tiny_file_fails_without_allocating_it()
    {
        var file = await QemuSparseAsync();
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(12), 64L << 31);

        await ShouldFailAsync(Files(("huge.vmdk", file)), "huge.vmdk", "past the end");
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(12), long.MaxValue / 512);
        await ShouldFailAsync(Files(("huge.vmdk", file)), "huge.vmdk", "capacity");
    }

    [Fact]
    public async Task Grain_table_entry_past_the_end_fails_on_read()
    {
        var file = await QemuSparseAsync();
        var gd = BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(56));
        var gt = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan((int)(gd * 512)));
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan((int)(gt * 512) + 4), 0x7fffffff);
        await using var layer = await VmdkLayer.OpenAsync(Files(("gt.vmdk", file)), "gt.vmdk", CancellationToken.None);

        var read = async () => await layer.ReadAsync(64 << 10, new byte[4096], CancellationToken.None);

        (await read.Should().ThrowAsync<InvalidDataException>()).Which.Message.Should().Contain("gt.vmdk").And.Contain("past the end");
    }

    [Fact]
    public async Task Parent_loops_fail()
    {
        var files = Files(
            ("a.vmdk", Descriptor("a.vmdk", "b.vmdk")),
            ("b.vmdk", Descriptor("b.vmdk", "a.vmdk")),
            ("self.vmdk", Descriptor("self.vmdk", "self.vmdk")),
            ("z.bin", new byte[512]));

        (await Open(files, "a.vmdk").Should().ThrowAsync<InvalidDataException>()).Which.Message.Should().Contain("loops back to 'a.vmdk'");
        (await Open(files, "self.vmdk").Should().ThrowAsync<InvalidDataException>()).Which.Message.Should().Contain("loops");
    }

    [Theory]
    [InlineData("RW 1 VMFSRDM \"z.bin\"", "not supported")]
    [InlineData("NOACCESS 1 FLAT \"z.bin\" 0", "NOACCESS")]
    [InlineData("RW 1 SPARSE \"z.bin\"", "KDMV")]
    [InlineData("RW 1 VMFSSPARSE \"z.bin\"", "COWD")]
    [InlineData("RW 1 SESPARSE \"z.bin\"", "SEsparse")]
    [InlineData("RW 2 FLAT \"z.bin\" 0", "past the end")]
    public async Task Unsupported_or_mismatched_extents_fail_loudly(string extentLine, string message)
    {
        var files = Files(("d.vmdk", Encoding.ASCII.GetBytes($"createType=\"custom\"\n{extentLine}\n")), ("z.bin", new byte[512]));

        (await Open(files, "d.vmdk").Should().ThrowAsync<InvalidDataException>()).Which.Message.Should().Contain(message);
    }

    [Fact]
    public async Task Extent_names_that_escape_the_directory_are_refused()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("disk"));
        await File.WriteAllBytesAsync(dir.File("secret"), new byte[512]);
        await File.WriteAllTextAsync(dir.File("disk/d.vmdk"), "createType=\"monolithicFlat\"\nRW 1 FLAT \"../secret\" 0\n");
        await File.WriteAllTextAsync(dir.File("disk/p.vmdk"), "createType=\"monolithicFlat\"\nparentFileNameHint=\"sub/../../secret\"\nRW 1 ZERO\n");

        var extent = async () => await VmdkLayer.OpenFileAsync(dir.File("disk/d.vmdk"), CancellationToken.None);
        var parent = async () => await VmdkChain.OpenFileAsync(dir.File("disk/p.vmdk"), CancellationToken.None);

        (await extent.Should().ThrowAsync<InvalidDataException>()).Which.Message.Should().Contain("d.vmdk").And.Contain("refused");
        (await parent.Should().ThrowAsync<InvalidDataException>()).Which.Message.Should().Contain("p.vmdk").And.Contain("refused");
    }

    [Fact]
    public async Task Random_binary_is_not_a_VMDK()
    {
        var noise = new byte[4096];
        new Random(5).NextBytes(noise);
        noise[0] = 0x01;

        await ShouldFailAsync(Files(("noise.bin", noise)), "noise.bin", "not a VMDK");
    }

    [Fact]
    public async Task Dirty_SEsparse_journal_is_refused()
    {
        using var dir = new TempDirectory();
        new SeSparseBuilder(8192).Write(0, new byte[4096]).WriteTo(dir.File("s.vmdk"));
        var file = await File.ReadAllBytesAsync(dir.File("s.vmdk"));
        file[512 + 24] = 1;

        await ShouldFailAsync(Files(("s.vmdk", file)), "s.vmdk", "journal");
    }

    [Fact]
    public async Task Corrupt_compressed_grain_fails_on_read()
    {
        var file = new StreamOptimizedBuilder(4096).Write(0, EsxiChain.Filled(StreamOptimizedBuilder.GrainBytes, 7)).Build();
        file.AsSpan(512 * 3 + 14, 8).Fill(0xff);
        await using var layer = await VmdkLayer.OpenAsync(Files(("so.vmdk", file)), "so.vmdk", CancellationToken.None);

        var read = async () => await layer.ReadAsync(0, new byte[512], CancellationToken.None);

        (await read.Should().ThrowAsync<InvalidDataException>()).Which.Message.Should().Contain("so.vmdk").And.Contain("grain 0");
    }

    [Fact]
    public async Task CID_mismatch_and_absolute_parent_hint_are_warnings()
    {
        var child = Encoding.ASCII.GetBytes("CID=00000001\nparentCID=0000abcd\ncreateType=\"vmfsSparse\"\nparentFileNameHint=\"/vmfs/volumes/ds1/vm/base.vmdk\"\nRW 1 ZERO\n");
        var parent = Encoding.ASCII.GetBytes("CID=0000ffff\nparentCID=ffffffff\ncreateType=\"vmfs\"\nRW 1 VMFS \"base-flat.vmdk\"\n");
        var files = Files(("child.vmdk", child), ("base.vmdk", parent), ("base-flat.vmdk", new byte[512]));

        await using var chain = (VmdkChain)await VmdkChain.OpenAsync(files, "child.vmdk", CancellationToken.None);

        chain.Layers.Select(l => l.Name).Should().Equal("child.vmdk", "base.vmdk");
        chain.Warnings.Should().HaveCount(2);
        chain.Warnings.Should().Contain(w => w.Contains("0000abcd", StringComparison.Ordinal) && w.Contains("0000ffff", StringComparison.Ordinal));
    }

    private static MemoryExtentResolver Files(params (string Name, byte[] Bytes)[] files) =>
        new(files.ToDictionary(f => f.Name, f => f.Bytes));

    private static byte[] Descriptor(string self, string parent) =>
        Encoding.ASCII.GetBytes($"# {self}\ncreateType=\"monolithicFlat\"\nparentFileNameHint=\"{parent}\"\nRW 1 FLAT \"z.bin\" 0\n");

    private static Func<Task> Open(IExtentResolver resolver, string name) => async () =>
    {
        await using var chain = await VmdkChain.OpenAsync(resolver, name, CancellationToken.None);
    };

    private static async Task ShouldFailAsync(IExtentResolver resolver, string name, string message)
    {
        (await Open(resolver, name).Should().ThrowAsync<InvalidDataException>()).Which.Message.Should().Contain(name).And.Contain(message);
    }

    private static async Task<byte[]> QemuSparseAsync()
    {
        using var dir = new TempDirectory();
        await Qemu.ImgAsync(dir.Path, "create", "-q", "-f", "vmdk", "s.vmdk", "1M");
        await QemuChainOracleTests.WriteAsync(dir, "s.vmdk", "write -P 0x33 64k 64k");
        return await File.ReadAllBytesAsync(dir.File("s.vmdk"));
    }
}
