using SnapshotHa.Operator.Text;

namespace SnapshotHa.Operator.Tests.Text;

public class DurationTextTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("15m", 900)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5s", 1.5)]
    [InlineData("250ms", 0.25)]
    public void Parses_go_durations(string text, double seconds) =>
        DurationText.Parse(text, "--x").Should().Be(TimeSpan.FromSeconds(seconds));

    [Theory]
    [InlineData("")]
    [InlineData("15")]
    [InlineData("m15")]
    [InlineData("1d")]
    public void Rejects_other_text_naming_the_field(string text) =>
        FluentActions.Invoking(() => DurationText.Parse(text, "spec.interval"))
            .Should().Throw<FormatException>().WithMessage("spec.interval: invalid duration*");

    [Theory]
    [InlineData(500, "8m20s")]
    [InlineData(0, "0s")]
    [InlineData(3600, "1h0m0s")]
    [InlineData(59, "59s")]
    public void Formats_like_go(int seconds, string expected) =>
        DurationText.Format(TimeSpan.FromSeconds(seconds)).Should().Be(expected);
}
