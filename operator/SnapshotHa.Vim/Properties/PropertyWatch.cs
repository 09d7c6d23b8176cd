using System.Globalization;
using Microsoft.Extensions.Logging;
using SnapshotHa.Vim.Faults;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Properties;

/// <summary>
/// One WaitForUpdatesEx watch: a private PropertyCollector with one filter, polled with the last version. Collectors
/// belong to a session, so after a re-login (or if the server lost them) the watch is built again from scratch.
/// </summary>
internal sealed class PropertyWatch(VimInvoker invoker, PropertyFilterSpec spec, TimeSpan maxWait, ILogger logger) : IAsyncDisposable
{
    private ManagedObjectReference? _collector;
    private int _generation;
    private string _version = "";

    /// <summary>Waits up to the configured time for changes; returns an empty list when none came.</summary>
    public async Task<IReadOnlyList<ObjectUpdate>> NextAsync(CancellationToken cancellationToken)
    {
        if (_collector is null || _generation != invoker.SessionGeneration)
        {
            await CreateAsync(cancellationToken);
        }

        var request = VimXml.Element(
            "WaitForUpdatesEx",
            VimXml.Moref("_this", _collector!),
            VimXml.Element("version", _version),
            VimXml.Element("options", VimXml.Element("maxWaitSeconds", ((int)maxWait.TotalSeconds).ToString(CultureInfo.InvariantCulture))));
        try
        {
            var (version, updates) = await invoker.InvokeAsync(
                request, ObjectUpdate.ParseUpdateSet, idempotent: true, cancellationToken, maxWait);
            if (version is not null)
            {
                _version = version;
            }

            return updates;
        }
        catch (ManagedObjectNotFoundException) when (_generation != invoker.SessionGeneration)
        {
            // The session was renewed during the call: the collector died with the old session.
            _collector = null;
            return [];
        }
    }

    /// <summary>Destroys the private collector (best effort).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_collector is null || _generation != invoker.SessionGeneration)
        {
            return;
        }

        try
        {
            // The watch is being abandoned (often by cancellation): clean up with a fresh token.
            using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await invoker.Soap.SendAsync(
                VimXml.Element("DestroyPropertyCollector", VimXml.Moref("_this", _collector)), TimeSpan.Zero, cleanup.Token);
        }
        catch (Exception e)
        {
            Log.WatchCleanupFailed(logger, _collector.Value, e.Message);
        }
    }

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        _generation = invoker.SessionGeneration;
        _collector = await invoker.InvokeForReferenceAsync(
            VimXml.Element("CreatePropertyCollector", VimXml.Moref("_this", invoker.Content.PropertyCollector)),
            idempotent: false,
            cancellationToken);
        await invoker.InvokeForReferenceAsync(
            VimXml.Element(
                "CreateFilter",
                VimXml.Moref("_this", _collector),
                spec.ToXml("spec"),
                VimXml.Element("partialUpdates", "false")),
            idempotent: false,
            cancellationToken);
        _generation = invoker.SessionGeneration;
        _version = "";
    }
}
