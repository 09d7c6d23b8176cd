using SnapshotHa.Kube.Queue;

namespace SnapshotHa.Kube.Tests.Queue;

public sealed class BackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(4, 16)]
    [InlineData(5, 30)]
    [InlineData(1_000, 30)]
    [InlineData(-3, 1)]
    public void Exponential_doubles_and_caps(int exponent, int expectedSeconds) =>
        Backoff.Exponential(exponent, Base, Max).Should().Be(TimeSpan.FromSeconds(expectedSeconds));

    [Fact]
    public void Jitter_stretches_within_the_factor_and_never_exceeds_the_cap()
    {
        Backoff.ExponentialWithJitter(2, Base, Max, 0.2, 0).Should().Be(TimeSpan.FromSeconds(4));
        Backoff.ExponentialWithJitter(2, Base, Max, 0.2, 0.5).Should().Be(TimeSpan.FromSeconds(4.4));
        Backoff.ExponentialWithJitter(10, Base, Max, 0.2, 0.99).Should().Be(Max);
    }

    [Fact]
    public void Rate_limiter_rejects_bad_delays()
    {
        FluentActions.Invoking(() => new ExponentialFailureRateLimiter<string>(TimeSpan.Zero, Max))
            .Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new ExponentialFailureRateLimiter<string>(Max, Base))
            .Should().Throw<ArgumentOutOfRangeException>();
    }
}
