using System.Globalization;
using System.Text;

namespace SnapshotHa.Disks.Descriptors;

/// <summary>A parsed VMDK text descriptor: header, extent lines and disk database (DDB).</summary>
/// <param name="Version">The <c>version</c> header (1, 2 or 3).</param>
/// <param name="ContentId">The <c>CID</c>: content identifier of this layer.</param>
/// <param name="ParentContentId">The <c>parentCID</c>; <see cref="NoParent"/> when the disk has no parent.</param>
/// <param name="CreateType">The <c>createType</c>, e.g. <c>monolithicSparse</c>, <c>vmfs</c>, <c>seSparse</c>.</param>
/// <param name="ParentFileNameHint">The <c>parentFileNameHint</c> of a delta, or null.</param>
/// <param name="Extents">The extent lines in order; their sectors add up to the capacity.</param>
/// <param name="DdbEntries">The <c>ddb.*</c> entries in order, keys with the <c>ddb.</c> prefix.</param>
/// <param name="OtherEntries">Other header entries in order (e.g. <c>encoding</c>, <c>isNativeSnapshot</c>).</param>
public sealed record VmdkDescriptor(
    int Version,
    uint ContentId,
    uint ParentContentId,
    string CreateType,
    string? ParentFileNameHint,
    IReadOnlyList<VmdkExtentLine> Extents,
    IReadOnlyList<KeyValuePair<string, string>> DdbEntries,
    IReadOnlyList<KeyValuePair<string, string>> OtherEntries)
{
    /// <summary>The <c>parentCID</c> value meaning "no parent".</summary>
    public const uint NoParent = 0xffffffff;

    /// <summary>The largest descriptor text accepted, in bytes.</summary>
    public const int MaxTextLength = 1 << 20;

    /// <summary>Gets the capacity in bytes: the sum of the extents' sectors times 512.</summary>
    public long CapacityBytes => Extents.Sum(e => e.Sectors) * 512;

    /// <summary>Parses descriptor text; stops at the first NUL (embedded descriptors are NUL-padded).</summary>
    /// <param name="text">The descriptor text.</param>
    /// <param name="sourceName">The file name used in error messages.</param>
    /// <exception cref="InvalidDataException">The text is malformed; the message names the file and line.</exception>
    public static VmdkDescriptor Parse(string text, string sourceName) => DescriptorParser.Parse(text, sourceName);

    /// <summary>Builds the descriptor of a <c>monolithicFlat</c> disk with one <c>FLAT</c> extent at offset 0.</summary>
    /// <param name="capacityBytes">The capacity, a positive multiple of 512.</param>
    /// <param name="extentFileName">The extent file name, relative to the descriptor (e.g. <c>disk-flat.vmdk</c>).</param>
    /// <param name="contentId">The CID to write (callers derive it deterministically, e.g. from an image id).</param>
    /// <param name="adapterType">The <c>ddb.adapterType</c>.</param>
    /// <exception cref="ArgumentException">The capacity or file name is invalid.</exception>
    public static VmdkDescriptor ForMonolithicFlat(long capacityBytes, string extentFileName, uint contentId = 0xfffffffe, string adapterType = "lsilogic")
    {
        if (capacityBytes <= 0 || capacityBytes % 512 != 0)
        {
            throw new ArgumentException($"Capacity {capacityBytes} is not a positive multiple of 512", nameof(capacityBytes));
        }

        ArgumentException.ThrowIfNullOrEmpty(extentFileName);
        if (extentFileName.Contains('"', StringComparison.Ordinal) || extentFileName.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Extent file name '{extentFileName}' contains a quote or newline", nameof(extentFileName));
        }

        var sectors = capacityBytes / 512;
        var cylinders = Math.Min(sectors / (16 * 63), 16383);
        return new VmdkDescriptor(
            1,
            contentId,
            NoParent,
            "monolithicFlat",
            null,
            [new VmdkExtentLine(ExtentAccess.ReadWrite, sectors, VmdkExtentType.Flat, extentFileName, 0)],
            [
                new("ddb.virtualHWVersion", "4"),
                new("ddb.geometry.cylinders", cylinders.ToString(CultureInfo.InvariantCulture)),
                new("ddb.geometry.heads", "16"),
                new("ddb.geometry.sectors", "63"),
                new("ddb.adapterType", adapterType),
            ],
            [new("encoding", "UTF-8")]);
    }

    /// <summary>Formats the descriptor as text that VMware and qemu read (LF line ends).</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append("# Disk DescriptorFile\n");
        text.Append(CultureInfo.InvariantCulture, $"version={Version}\n");
        foreach (var (key, value) in OtherEntries.Where(e => e.Key.Equals("encoding", StringComparison.OrdinalIgnoreCase)))
        {
            text.Append(CultureInfo.InvariantCulture, $"{key}=\"{value}\"\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"CID={ContentId:x8}\n");
        text.Append(CultureInfo.InvariantCulture, $"parentCID={ParentContentId:x8}\n");
        foreach (var (key, value) in OtherEntries.Where(e => !e.Key.Equals("encoding", StringComparison.OrdinalIgnoreCase)))
        {
            text.Append(CultureInfo.InvariantCulture, $"{key}=\"{value}\"\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"createType=\"{CreateType}\"\n");
        if (ParentFileNameHint is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"parentFileNameHint=\"{ParentFileNameHint}\"\n");
        }

        text.Append("\n# Extent description\n");
        foreach (var extent in Extents)
        {
            text.Append(DescriptorParser.FormatExtent(extent)).Append('\n');
        }

        text.Append("\n# The Disk Data Base\n#DDB\n\n");
        foreach (var (key, value) in DdbEntries)
        {
            text.Append(CultureInfo.InvariantCulture, $"{key} = \"{value}\"\n");
        }

        return text.ToString();
    }
}
