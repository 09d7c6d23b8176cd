namespace SnapshotHa.Operator.Hosting;

/// <summary>The wait between rounds of the operator's background loops (heartbeats, failure and standby watches).</summary>
public static class PeriodicTicks
{
    /// <summary>Waits for the timer's next tick.</summary>
    /// <param name="timer">The loop's timer.</param>
    /// <param name="cancellationToken">Stops the loop.</param>
    /// <returns>True for the next round; false when the loop stops (cancelled or timer disposed).</returns>
    public static async Task<bool> NextAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
