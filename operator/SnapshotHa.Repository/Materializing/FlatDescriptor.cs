using System.Globalization;
using System.Text;

namespace SnapshotHa.Repository.Materializing;

/// <summary>The text of a monolithicFlat VMDK descriptor for one flat extent beside it.</summary>
internal static class FlatDescriptor
{
    /// <summary>Builds the descriptor of a <paramref name="capacity"/>-byte disk stored in <paramref name="extentFileName"/>.</summary>
    /// <param name="capacity">The disk size, a multiple of 512.</param>
    /// <param name="extentFileName">The extent's file name, in the descriptor's directory.</param>
    /// <param name="contentId">8 hex digits for the CID (derived from the image id, so output is deterministic).</param>
    public static string Build(long capacity, string extentFileName, string contentId)
    {
        var sectors = capacity / 512;
        var cylinders = Math.Min(sectors / (16 * 63), 16383);
        var text = new StringBuilder()
            .Append("# Disk DescriptorFile\n")
            .Append("version=1\n")
            .Append(CultureInfo.InvariantCulture, $"CID={contentId}\n")
            .Append("parentCID=ffffffff\n")
            .Append("createType=\"monolithicFlat\"\n\n")
            .Append("# Extent description\n")
            .Append(CultureInfo.InvariantCulture, $"RW {sectors} FLAT \"{extentFileName}\" 0\n\n")
            .Append("# The Disk Data Base\n#DDB\n\n")
            .Append("ddb.virtualHWVersion = \"4\"\n")
            .Append(CultureInfo.InvariantCulture, $"ddb.geometry.cylinders = \"{cylinders}\"\n")
            .Append("ddb.geometry.heads = \"16\"\n")
            .Append("ddb.geometry.sectors = \"63\"\n")
            .Append("ddb.adapterType = \"lsilogic\"\n");
        return text.ToString();
    }
}
