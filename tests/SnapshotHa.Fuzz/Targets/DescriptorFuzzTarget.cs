using System.Text;
using SnapshotHa.Disks.Descriptors;

namespace SnapshotHa.Fuzz.Targets;

/// <summary>Parses descriptor text; a parsed descriptor must format and reparse to the same text.</summary>
public sealed class DescriptorFuzzTarget : IFuzzTarget
{
    /// <inheritdoc />
    public string Name => "descriptor";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        VmdkDescriptor parsed;
        try
        {
            parsed = VmdkDescriptor.Parse(Encoding.UTF8.GetString(input), "fuzz.vmdk");
        }
        catch (InvalidDataException)
        {
            return;
        }

        var text = parsed.ToText();
        var again = VmdkDescriptor.Parse(text, "fuzz-formatted.vmdk").ToText();
        if (again != text)
        {
            throw new InvalidOperationException($"Descriptor text did not round-trip:\n{text}\n---\n{again}");
        }
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, byte[]> Seeds() => new Dictionary<string, byte[]>
    {
        ["esxi-delta.txt"] = Encoding.UTF8.GetBytes(
            "# Disk DescriptorFile\nversion=1\nencoding=\"UTF-8\"\nCID=9ab16ab9\nparentCID=c3d4fd75\nisNativeSnapshot=\"no\"\ncreateType=\"vmfsSparse\"\nparentFileNameHint=\"android.vmdk\"\n# Extent description\nRW 41943040 VMFSSPARSE \"android.vmdk-delta.REDO_TkLU1V\"\n\n# The Disk Data Base\n#DDB\n\nddb.longContentID = \"e6d6c9b8c7164488a10a36b39ab16ab9\"\n"),
        ["flat.txt"] = Encoding.UTF8.GetBytes(VmdkDescriptor.ForMonolithicFlat(1 << 20, "x-flat.vmdk", 0x1234).ToText()),
        ["multi.txt"] = Encoding.UTF8.GetBytes("version=1\r\ncreateType=\"twoGbMaxExtentFlat\"\r\nRW 100 FLAT \"a-f001.vmdk\" 0\r\nRDONLY 50 ZERO\r\nNOACCESS 8 SPARSE \"b.vmdk\"\r\n\0"),
    };
}
