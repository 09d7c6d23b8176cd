using System.Globalization;
using Microsoft.Extensions.Logging;
using SnapshotHa.Vim.Faults;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Properties;

/// <summary>
/// One WaitForUpdatesEx watch: a private PropertyCollector with one filter, polled with the last version. The filter
/// is either a fixed spec or some properties of every object of a type in a container view on the root folder,
/// created with the watch. Collectors and views belong to a session, so after a re-login (or if the server lost
/// them) the watch is built again from scratch and its next answer is a new baseline.
/// </summary>
internal sealed class PropertyWatch : IAsyncDisposable
{
    private readonly VimInvoker _invoker;
    private readonly PropertyFilterSpec? _spec;
    private readonly (string Type, IReadOnlyList<string> Paths)? _container;
    private readonly TimeSpan _maxWait;
    private readonly ILogger _logger;
    private ManagedObjectReference? _collector;
    private ManagedObjectReference? _view;
    private int _generation;
    private string _version = "";

    private PropertyWatch(
        VimInvoker invoker, PropertyFilterSpec? spec, (string Type, IReadOnlyList<string> Paths)? container, TimeSpan maxWait, ILogger logger)
    {
        _invoker = invoker;
        _spec = spec;
        _container = container;
        _maxWait = maxWait;
        _logger = logger;
    }

    /// <summary>A watch of what <paramref name="spec"/> selects.</summary>
    public static PropertyWatch ForSpec(VimInvoker invoker, PropertyFilterSpec spec, TimeSpan maxWait, ILogger logger) =>
        new(invoker, spec, null, maxWait, logger);

    /// <summary>A watch of <paramref name="paths"/> of every object of <paramref name="type"/> in the inventory.</summary>
    public static PropertyWatch ForContainer(VimInvoker invoker, string type, IReadOnlyList<string> paths, TimeSpan maxWait, ILogger logger) =>
        new(invoker, null, (type, paths), maxWait, logger);

    /// <summary>Waits up to the configured time for changes; the batch is empty when none came.</summary>
    public async Task<PropertyUpdateBatch> NextAsync(CancellationToken cancellationToken)
    {
        if (_collector is null || _generation != _invoker.SessionGeneration)
        {
            await CreateAsync(cancellationToken);
        }

        var baseline = _version.Length == 0;
        var request = VimXml.Element(
            "WaitForUpdatesEx",
            VimXml.Moref("_this", _collector!),
            VimXml.Element("version", _version),
            VimXml.Element("options", VimXml.Element("maxWaitSeconds", ((int)_maxWait.TotalSeconds).ToString(CultureInfo.InvariantCulture))));
        try
        {
            var (version, truncated, updates) = await _invoker.InvokeAsync(
                request, ObjectUpdate.ParseUpdateSet, idempotent: true, cancellationToken, _maxWait);
            if (version is not null)
            {
                _version = version;
            }

            return new PropertyUpdateBatch(baseline, !truncated, updates);
        }
        catch (ManagedObjectNotFoundException) when (_generation != _invoker.SessionGeneration)
        {
            // The session was renewed during the call: the collector died with the old session.
            _collector = null;
            return new PropertyUpdateBatch(false, true, []);
        }
    }

    /// <summary>Destroys the private collector and the view (best effort).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_collector is null || _generation != _invoker.SessionGeneration)
        {
            return;
        }

        // The watch is being abandoned (often by cancellation): clean up with a fresh token.
        using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await DestroyAsync("DestroyPropertyCollector", _collector, cleanup.Token);
        if (_view is { } view)
        {
            await DestroyAsync("DestroyView", view, cleanup.Token);
        }
    }

    private async Task DestroyAsync(string method, ManagedObjectReference target, CancellationToken cancellationToken)
    {
        try
        {
            await _invoker.Soap.SendAsync(VimXml.Element(method, VimXml.Moref("_this", target)), TimeSpan.Zero, cancellationToken);
        }
        catch (Exception e)
        {
            Log.WatchCleanupFailed(_logger, target.Value, e.Message);
        }
    }

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        _collector = null;
        _view = null;
        _generation = _invoker.SessionGeneration;
        var spec = _spec ?? await ContainerSpecAsync(cancellationToken);
        _collector = await _invoker.InvokeForReferenceAsync(
            VimXml.Element("CreatePropertyCollector", VimXml.Moref("_this", _invoker.Content.PropertyCollector)),
            idempotent: false,
            cancellationToken);
        await _invoker.InvokeForReferenceAsync(
            VimXml.Element(
                "CreateFilter",
                VimXml.Moref("_this", _collector),
                spec.ToXml("spec"),
                VimXml.Element("partialUpdates", "false")),
            idempotent: false,
            cancellationToken);
        _generation = _invoker.SessionGeneration;
        _version = "";
    }

    private async Task<PropertyFilterSpec> ContainerSpecAsync(CancellationToken cancellationToken)
    {
        var (type, paths) = _container!.Value;
        _view = await InventoryViews.CreateAsync(_invoker, type, cancellationToken);
        return PropertyFilterSpec.ForContainerView(_view, type, paths);
    }
}
