using CsCheck;
using SnapshotHa.Api.Common;
using SnapshotHa.RepositoryCli;

namespace SnapshotHa.Operator.Tests.Cli;

public sealed class DurationArgumentTests
{
    private static readonly string[] Valid = ["90s", "1h30m", "1.5h", "250ms", "24h", "0s"];

    [Fact]
    public void Accepts_exactly_what_the_resource_durations_accept() =>
        Gen.Select(Gen.Char["0123456789.mshd"].Array[0, 12], Gen.Int[0, Valid.Length - 1], Gen.Bool)
            .Select((chars, valid, useValid) => useValid ? Valid[valid] : new string(chars))
            .Sample(text =>
            {
                var ours = DurationArgument.TryParse(text, out var value);
                var resources = GoDuration.TryParse(text, out var expected);
                return ours == resources && value == expected;
            });

    [Fact]
    public void A_bad_duration_names_the_option() =>
        FluentActions.Invoking(() => DurationArgument.Parse("soon", "--keep-within"))
            .Should().Throw<FormatException>().WithMessage("*--keep-within*\"soon\"*");
}
