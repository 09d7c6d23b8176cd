using System.Globalization;
using System.Text.RegularExpressions;

namespace SnapshotHa.Operator.Text;

/// <summary>Byte sizes (<c>64Mi</c>, <c>10MiB</c>, <c>1G</c>, <c>512</c>) and percentages (<c>1%</c>, <c>8%-10%</c>).</summary>
public static partial class QuantityText
{
    /// <summary>Parses a byte size with an optional binary or decimal suffix; <paramref name="field"/> names it in errors.</summary>
    /// <exception cref="FormatException">The text is not a size.</exception>
    public static double ParseBytes(string text, string field)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = SizePattern().Match(text.Trim());
        if (!match.Success)
        {
            throw new FormatException($"{field}: invalid size \"{text}\": use a number with an optional unit, such as 512, 64Mi or 10MiB");
        }

        var number = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        var unit = match.Groups["u"].Value.TrimEnd('B', 'b');
        double scale = unit switch
        {
            "" => 1,
            "K" or "k" => 1e3,
            "M" => 1e6,
            "G" => 1e9,
            "T" => 1e12,
            "Ki" => 1L << 10,
            "Mi" => 1L << 20,
            "Gi" => 1L << 30,
            _ => 1L << 40,
        };
        return number * scale;
    }

    /// <summary>Parses <c>1%</c> or a range <c>8%-10%</c> into fractions (low, high).</summary>
    /// <exception cref="FormatException">The text is not a percentage in (0, 100].</exception>
    public static (double Low, double High) ParsePercentRange(string text, string field)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = PercentPattern().Match(text.Trim());
        if (!match.Success)
        {
            throw new FormatException($"{field}: invalid percentage \"{text}\": use 1% or a range such as 8%-10%");
        }

        var low = double.Parse(match.Groups["a"].Value, CultureInfo.InvariantCulture) / 100;
        var high = match.Groups["b"].Success ? double.Parse(match.Groups["b"].Value, CultureInfo.InvariantCulture) / 100 : low;
        if (low <= 0 || high <= 0 || low > 1 || high > 1)
        {
            throw new FormatException($"{field}: percentage \"{text}\" must be greater than 0% and at most 100%");
        }

        return (Math.Min(low, high), Math.Max(low, high));
    }

    /// <summary>Formats bytes with a binary unit (<c>1.5 GiB</c>).</summary>
    public static string FormatBytes(double bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        var i = 0;
        while (bytes >= 1024 && i < units.Length - 1)
        {
            bytes /= 1024;
            i++;
        }

        return i == 0 ? $"{bytes:0} B" : string.Create(CultureInfo.InvariantCulture, $"{bytes:0.#} {units[i]}");
    }

    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)\s*(?<u>([KMGT]i?|k)?B?)$", RegexOptions.CultureInvariant)]
    private static partial Regex SizePattern();

    [GeneratedRegex(@"^(?<a>\d+(\.\d+)?)%?(\s*-\s*(?<b>\d+(\.\d+)?)%?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PercentPattern();
}
