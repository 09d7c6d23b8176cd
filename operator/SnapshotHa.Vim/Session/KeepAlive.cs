using Microsoft.Extensions.Logging;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Session;

/// <summary>
/// Keeps an idle session alive: when no SOAP call was answered for the configured interval (datastore transfers
/// do not count), calls ServiceInstance.CurrentTime, re-logging in if the session had already expired.
/// </summary>
internal sealed class KeepAlive(VimInvoker invoker, TimeSpan interval, TimeProvider time, ILogger logger, string endpoint) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>Starts the background loop (no-op for a zero interval).</summary>
    public void Start()
    {
        if (interval > TimeSpan.Zero)
        {
            _loop = RunAsync(_stop.Token);
        }
    }

    /// <summary>Stops the loop and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var check = interval / 4;
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(check, time, cancellationToken);
            if (time.GetUtcNow() - invoker.Soap.LastActivity < interval)
            {
                continue;
            }

            try
            {
                await invoker.InvokeVoidAsync(
                    VimXml.Element("CurrentTime", VimXml.Moref("_this", Session.ServiceContent.ServiceInstance)),
                    idempotent: true,
                    cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.KeepAliveFailed(logger, endpoint, e.Message);
            }
        }
    }
}
