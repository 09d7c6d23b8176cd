using SnapshotHa.Disks.Descriptors;
using SnapshotHa.Disks.Tests.Support;
using SnapshotHa.Disks.Vmdk;

namespace SnapshotHa.Disks.Tests.Descriptors;

public sealed class VmdkDescriptorTests
{
    private const string EsxiDelta = """
        # Disk DescriptorFile
        version=1
        encoding="UTF-8"
        CID=9ab16ab9
        parentCID=c3d4fd75
        isNativeSnapshot="no"
        createType="vmfsSparse"
        parentFileNameHint="android.vmdk"
        # Extent description
        RW 41943040 VMFSSPARSE "android.vmdk-delta.REDO_TkLU1V"

        # The Disk Data Base
        #DDB

        ddb.longContentID = "e6d6c9b8c7164488a10a36b39ab16ab9"
        """;

    [Fact]
    public void Parses_a_real_ESXi_delta_descriptor()
    {
        var descriptor = VmdkDescriptor.Parse(EsxiDelta.Replace("\n", "\r\n", StringComparison.Ordinal), "android-000001.vmdk");

        descriptor.Version.Should().Be(1);
        descriptor.ContentId.Should().Be(0x9ab16ab9);
        descriptor.ParentContentId.Should().Be(0xc3d4fd75);
        descriptor.CreateType.Should().Be("vmfsSparse");
        descriptor.ParentFileNameHint.Should().Be("android.vmdk");
        descriptor.Extents.Should().Equal(new VmdkExtentLine(ExtentAccess.ReadWrite, 41943040, VmdkExtentType.VmfsSparse, "android.vmdk-delta.REDO_TkLU1V", 0));
        descriptor.DdbEntries.Should().ContainSingle().Which.Should().Be(new KeyValuePair<string, string>("ddb.longContentID", "e6d6c9b8c7164488a10a36b39ab16ab9"));
        descriptor.CapacityBytes.Should().Be(41943040L * 512);
    }

    [Fact]
    public void Text_round_trips_through_parse()
    {
        var original = VmdkDescriptor.Parse(EsxiDelta, "a.vmdk");
        var reparsed = VmdkDescriptor.Parse(original.ToText(), "b.vmdk");

        reparsed.Should().BeEquivalentTo(original);
    }

    [Fact]
    public void Parses_multiple_extent_kinds_with_access_modes_and_a_NUL_padded_tail()
    {
        var text = "# Disk DescriptorFile\nversion=1\ncreatetype=\"twoGbMaxExtentFlat\"\nRW 100 FLAT \"my disk-f001.vmdk\" 7\nRDONLY 50 ZERO\nNOACCESS 10 SPARSE \"x-s001.vmdk\"\n\0\0\0garbage";
        var descriptor = VmdkDescriptor.Parse(text, "d.vmdk");

        descriptor.Extents.Should().Equal(
            new VmdkExtentLine(ExtentAccess.ReadWrite, 100, VmdkExtentType.Flat, "my disk-f001.vmdk", 7),
            new VmdkExtentLine(ExtentAccess.ReadOnly, 50, VmdkExtentType.Zero, null, 0),
            new VmdkExtentLine(ExtentAccess.NoAccess, 10, VmdkExtentType.Sparse, "x-s001.vmdk", 0));
        descriptor.ParentContentId.Should().Be(VmdkDescriptor.NoParent);
    }

    [Theory]
    [InlineData("createType=\"vmfs\"\nRW 10 VMFSX \"a\"", "line 2", "unknown extent type")]
    [InlineData("createType=\"vmfs\"\nRW -5 VMFS \"a\"", "line 2", "extent size")]
    [InlineData("createType=\"vmfs\"\nCID=xyz\nRW 5 VMFS \"a\"", "line 2", "CID")]
    [InlineData("createType=\"vmfs\"\nRW 5 VMFS \"a", "line 2", "unterminated")]
    [InlineData("createType=\"vmfs\"\nthis is not a line", "line 2", "expected 'key=value'")]
    [InlineData("version=1\nRW 5 VMFS \"a\"", "bad.vmdk", "no createType")]
    [InlineData("createType=\"vmfs\"", "bad.vmdk", "no extent lines")]
    [InlineData("createType=\"vmfs\"\nRW 5 ZERO \"a\"", "line 2", "ZERO extent takes no file name")]
    [InlineData("createType=\"vmfs\"\nRW 99999999999999999 VMFS \"a\"", "line 2", "extent size")]
    [InlineData("createType=\"vmfs\"\nRW 5 VMFS x\"y", "line 2", "stray quote")]
    [InlineData("createType=\"vmfs\"\nddb.a = \"b\" ddb.c = \"d\"", "line 2", "after the quoted value")]
    [InlineData("createType=\"vmfs\"\nkey=a\"b", "line 2", "stray quote")]
    public void Malformed_text_fails_naming_the_file_and_line(string text, string where, string what)
    {
        var parse = () => VmdkDescriptor.Parse(text, "bad.vmdk");

        parse.Should().Throw<InvalidDataException>().Which.Message.Should().Contain("bad.vmdk").And.Contain(where).And.Contain(what);
    }

    [Fact]
    public async Task Monolithic_flat_factory_output_is_read_by_qemu_and_by_us()
    {
        using var dir = new TempDirectory();
        var content = new byte[1 << 20];
        new Random(3).NextBytes(content);
        await File.WriteAllBytesAsync(dir.File("disk-flat.vmdk"), content);
        await File.WriteAllTextAsync(dir.File("disk.vmdk"), VmdkDescriptor.ForMonolithicFlat(content.Length, "disk-flat.vmdk", 0x01020304).ToText());

        (await Qemu.ConvertToRawAsync(dir.Path, "disk.vmdk")).ShouldEqualBytes(content, "qemu reads the flat VMDK");
        await using var layer = await VmdkLayer.OpenFileAsync(dir.File("disk.vmdk"), CancellationToken.None);
        (await DiskReading.ReadAllAsync(layer)).ShouldEqualBytes(content, "we read the flat VMDK");
        (await DiskReading.AllocatedAsync(layer)).Should().Equal(new AllocatedRange(0, content.Length, ExtentKind.Data));
        ((VmdkLayer)layer).Descriptor!.ContentId.Should().Be(0x01020304);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    public void Monolithic_flat_factory_rejects_capacities_that_are_not_whole_sectors(long capacity)
    {
        var create = () => VmdkDescriptor.ForMonolithicFlat(capacity, "x-flat.vmdk");

        create.Should().Throw<ArgumentException>().WithMessage($"*{capacity}*");
    }
}
