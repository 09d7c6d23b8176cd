using System.Text.RegularExpressions;
using SnapshotHa.Api.Common;

namespace SnapshotHa.Api.Tests.Common;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("90s", 90_000)]
    [InlineData("15m", 900_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("250ms", 250)]
    [InlineData("1m30s500ms", 90_500)]
    public void Parses_durations_kubernetes_users_write(string text, long milliseconds)
    {
        GoDuration.TryParse(text, out var duration).Should().BeTrue();
        duration.Should().Be(TimeSpan.FromMilliseconds(milliseconds));
        Regex.IsMatch(text, Patterns.Duration).Should().BeTrue("the schema accepts what the parser accepts");
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("15")]
    [InlineData("15 minutes")]
    [InlineData("-5m")]
    [InlineData("1d")]
    [InlineData("99999999999999999999h")]
    public void Refuses_anything_else(string? text)
    {
        GoDuration.TryParse(text, out _).Should().BeFalse();
    }

    [Fact]
    public void Parse_names_the_bad_text()
    {
        var parse = () => GoDuration.Parse("soon");

        parse.Should().Throw<FormatException>().WithMessage("*\"soon\"*15m*");
    }
}
