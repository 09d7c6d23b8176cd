namespace SnapshotHa.Kube.Queue;

/// <summary>Capped exponential back-off arithmetic shared by the work queue and the watchers.</summary>
public static class Backoff
{
    /// <summary>Returns <c>baseDelay · 2^exponent</c>, capped at <paramref name="maxDelay"/> (no overflow).</summary>
    /// <param name="exponent">The exponent (0 for the first retry); negative counts as 0.</param>
    /// <param name="baseDelay">The first delay.</param>
    /// <param name="maxDelay">The cap.</param>
    /// <returns>The delay.</returns>
    public static TimeSpan Exponential(int exponent, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var factor = Math.Pow(2, Math.Clamp(exponent, 0, 62));
        var ticks = baseDelay.Ticks * factor;
        return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// Returns the capped exponential delay stretched by up to <paramref name="jitterFactor"/> of itself, then capped
    /// again: <c>min(max, d · (1 + jitterFactor · random))</c>, where <c>d</c> is <see cref="Exponential"/>.
    /// </summary>
    /// <param name="exponent">The exponent (0 for the first retry).</param>
    /// <param name="baseDelay">The first delay.</param>
    /// <param name="maxDelay">The cap.</param>
    /// <param name="jitterFactor">The largest relative stretch, e.g. 0.2.</param>
    /// <param name="random">A value in [0, 1), injected for determinism.</param>
    /// <returns>The delay.</returns>
    public static TimeSpan ExponentialWithJitter(
        int exponent, TimeSpan baseDelay, TimeSpan maxDelay, double jitterFactor, double random)
    {
        var delay = Exponential(exponent, baseDelay, maxDelay);
        var ticks = delay.Ticks * (1 + (jitterFactor * Math.Clamp(random, 0, 1)));
        return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
    }
}
