using System.Globalization;
using System.Text;

namespace SnapshotHa.Disks.Descriptors;

/// <summary>Line parser for VMDK descriptor text (keys case-insensitive, LF or CRLF, quoted values).</summary>
internal static class DescriptorParser
{
    public static VmdkDescriptor Parse(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        var nul = text.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
        {
            text = text[..nul];
        }

        if (text.Length > VmdkDescriptor.MaxTextLength)
        {
            throw new InvalidDataException($"{sourceName}: descriptor of {text.Length} characters exceeds {VmdkDescriptor.MaxTextLength}");
        }

        int? version = null;
        uint? cid = null;
        uint? parentCid = null;
        string? createType = null;
        string? parentHint = null;
        var extents = new List<VmdkExtentLine>();
        var ddb = new List<KeyValuePair<string, string>>();
        var other = new List<KeyValuePair<string, string>>();
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var where = $"{sourceName} line {index + 1}";
            var first = line.Split(' ', '\t')[0];
            if (TryParseAccess(first, out var access))
            {
                if (extents.Count >= DiskLimits.MaxExtents)
                {
                    throw new InvalidDataException($"{where}: more than {DiskLimits.MaxExtents} extents");
                }

                extents.Add(ParseExtent(line, access, where));
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new InvalidDataException($"{where}: expected 'key=value', an extent line or a comment, found '{Shorten(line)}'");
            }

            var key = line[..equals].Trim();
            if (key.Contains('"', StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{where}: key '{Shorten(key)}' contains a quote");
            }

            var value = Unquote(line[(equals + 1)..].Trim(), where);
            if (key.StartsWith("ddb.", StringComparison.OrdinalIgnoreCase))
            {
                ddb.Add(new(key, value));
            }
            else if (key.Equals("version", StringComparison.OrdinalIgnoreCase))
            {
                version = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v is >= 1 and <= 3
                    ? v
                    : throw new InvalidDataException($"{where}: version '{Shorten(value)}' is not 1, 2 or 3");
            }
            else if (key.Equals("CID", StringComparison.OrdinalIgnoreCase))
            {
                cid = ParseCid(value, "CID", where);
            }
            else if (key.Equals("parentCID", StringComparison.OrdinalIgnoreCase))
            {
                parentCid = ParseCid(value, "parentCID", where);
            }
            else if (key.Equals("createType", StringComparison.OrdinalIgnoreCase))
            {
                createType = value;
            }
            else if (key.Equals("parentFileNameHint", StringComparison.OrdinalIgnoreCase))
            {
                parentHint = value;
            }
            else
            {
                other.Add(new(key, value));
            }
        }

        if (createType is null)
        {
            throw new InvalidDataException($"{sourceName}: descriptor has no createType");
        }

        if (extents.Count == 0)
        {
            throw new InvalidDataException($"{sourceName}: descriptor has no extent lines");
        }

        if (extents.Sum(e => e.Sectors) > DiskLimits.MaxCapacitySectors)
        {
            throw new InvalidDataException($"{sourceName}: extents add up to more than {DiskLimits.MaxCapacityBytes} bytes");
        }

        return new VmdkDescriptor(version ?? 1, cid ?? VmdkDescriptor.NoParent, parentCid ?? VmdkDescriptor.NoParent, createType, parentHint, extents, ddb, other);
    }

    public static string FormatExtent(VmdkExtentLine extent)
    {
        var access = extent.Access switch
        {
            ExtentAccess.ReadOnly => "RDONLY",
            ExtentAccess.NoAccess => "NOACCESS",
            _ => "RW",
        };
        var type = extent.Type.ToString().ToUpperInvariant();
        var text = $"{access} {extent.Sectors.ToString(CultureInfo.InvariantCulture)} {type}";
        if (extent.FileName is not null)
        {
            text += $" \"{extent.FileName}\"";
        }

        if (extent.Type == VmdkExtentType.Flat)
        {
            text += " " + extent.StartSector.ToString(CultureInfo.InvariantCulture);
        }

        return text;
    }

    private static VmdkExtentLine ParseExtent(string line, ExtentAccess access, string where)
    {
        var tokens = Tokenize(line, where);
        if (tokens.Count < 3)
        {
            throw new InvalidDataException($"{where}: extent line '{Shorten(line)}' needs ACCESS SECTORS TYPE");
        }

        if (!long.TryParse(tokens[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sectors) || sectors <= 0 || sectors > DiskLimits.MaxCapacitySectors)
        {
            throw new InvalidDataException($"{where}: extent size '{Shorten(tokens[1])}' is not a sector count between 1 and {DiskLimits.MaxCapacitySectors}");
        }

        var type = ParseType(tokens[2], where);
        if (type == VmdkExtentType.Zero)
        {
            return tokens.Count == 3
                ? new VmdkExtentLine(access, sectors, type, null, 0)
                : throw new InvalidDataException($"{where}: a ZERO extent takes no file name");
        }

        if (tokens.Count < 4 || tokens[3].Length == 0)
        {
            throw new InvalidDataException($"{where}: {tokens[2]} extent has no file name");
        }

        long start = 0;
        if (tokens.Count == 5)
        {
            if (type != VmdkExtentType.Flat && type != VmdkExtentType.Vmfs && type != VmdkExtentType.VmfsRaw && type != VmdkExtentType.VmfsRdm)
            {
                throw new InvalidDataException($"{where}: a {tokens[2]} extent takes no offset");
            }

            if (!long.TryParse(tokens[4], NumberStyles.None, CultureInfo.InvariantCulture, out start) || start > DiskLimits.MaxCapacitySectors)
            {
                throw new InvalidDataException($"{where}: extent offset '{Shorten(tokens[4])}' is not a sector count");
            }
        }
        else if (tokens.Count > 5)
        {
            throw new InvalidDataException($"{where}: extent line '{Shorten(line)}' has unexpected trailing fields");
        }

        return new VmdkExtentLine(access, sectors, type, tokens[3], start);
    }

    private static List<string> Tokenize(string line, string where)
    {
        var tokens = new List<string>();
        var position = 0;
        while (position < line.Length)
        {
            if (char.IsWhiteSpace(line[position]))
            {
                position++;
                continue;
            }

            if (line[position] == '"')
            {
                var close = line.IndexOf('"', position + 1);
                if (close < 0)
                {
                    throw new InvalidDataException($"{where}: unterminated quoted file name");
                }

                tokens.Add(line[(position + 1)..close]);
                position = close + 1;
                continue;
            }

            var end = position;
            while (end < line.Length && !char.IsWhiteSpace(line[end]))
            {
                if (line[end] == '"')
                {
                    throw new InvalidDataException($"{where}: stray quote in extent line");
                }

                end++;
            }

            tokens.Add(line[position..end]);
            position = end;
        }

        return tokens;
    }

    private static bool TryParseAccess(string token, out ExtentAccess access)
    {
        access = token.ToUpperInvariant() switch
        {
            "RW" => ExtentAccess.ReadWrite,
            "RDONLY" => ExtentAccess.ReadOnly,
            "NOACCESS" => ExtentAccess.NoAccess,
            _ => (ExtentAccess)(-1),
        };
        return access >= 0;
    }

    private static VmdkExtentType ParseType(string token, string where) => token.ToUpperInvariant() switch
    {
        "FLAT" => VmdkExtentType.Flat,
        "SPARSE" => VmdkExtentType.Sparse,
        "ZERO" => VmdkExtentType.Zero,
        "VMFS" => VmdkExtentType.Vmfs,
        "VMFSSPARSE" => VmdkExtentType.VmfsSparse,
        "SESPARSE" => VmdkExtentType.SeSparse,
        "VMFSRDM" => VmdkExtentType.VmfsRdm,
        "VMFSRAW" => VmdkExtentType.VmfsRaw,
        _ => throw new InvalidDataException($"{where}: unknown extent type '{Shorten(token)}'"),
    };

    private static uint ParseCid(string value, string key, string where) =>
        value.Length is >= 1 and <= 8 && uint.TryParse(value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var cid)
            ? cid
            : throw new InvalidDataException($"{where}: {key} '{Shorten(value)}' is not 8 hex digits");

    /// <summary>Returns a value without its quotes; a value can hold no quote itself and nothing may follow the closing quote.</summary>
    private static string Unquote(string value, string where)
    {
        if (value.Length > 0 && value[0] == '"')
        {
            var close = value.IndexOf('"', 1);
            if (close < 0)
            {
                throw new InvalidDataException($"{where}: unterminated quoted value");
            }

            return close == value.Length - 1
                ? value[1..close]
                : throw new InvalidDataException($"{where}: unexpected text after the quoted value '{Shorten(value)}'");
        }

        return value.Contains('"', StringComparison.Ordinal)
            ? throw new InvalidDataException($"{where}: stray quote in value '{Shorten(value)}'")
            : value;
    }

    private static string Shorten(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Take(80))
        {
            builder.Append(char.IsControl(c) ? '?' : c);
        }

        return text.Length > 80 ? builder.Append('…').ToString() : builder.ToString();
    }
}
