using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using SnapshotHa.Vim.Faults;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Properties;

/// <summary>
/// Reads and watches properties (<c>PropertyCollector</c>): RetrievePropertiesEx with ContinueRetrievePropertiesEx
/// paging, and WaitForUpdatesEx on a private collector per watch. A NotAuthenticated fault inside a successful
/// answer's missingSet counts as a lost session: the client logs in again and repeats the call.
/// </summary>
public sealed class PropertyCollector
{
    private readonly VimInvoker _invoker;
    private readonly VimConnectionOptions _options;
    private readonly ILogger _logger;

    internal PropertyCollector(VimInvoker invoker, VimConnectionOptions options, ILogger logger)
    {
        _invoker = invoker;
        _options = options;
        _logger = logger;
    }

    /// <summary>Retrieves properties for every object the specs select, following continuation tokens.</summary>
    /// <param name="specs">What to read.</param>
    /// <param name="maxObjects">Page size hint; null lets the server choose.</param>
    /// <param name="cancellationToken">Cancels the retrieval.</param>
    /// <returns>All objects (empty when nothing matched).</returns>
    /// <exception cref="VimFaultException">The server refused the retrieval (e.g. <see cref="ManagedObjectNotFoundException"/>).</exception>
    public Task<IReadOnlyList<ObjectContent>> RetrieveAsync(
        IReadOnlyList<PropertyFilterSpec> specs, int? maxObjects, CancellationToken cancellationToken) =>
        RetrieveAsync(specs, maxObjects, content => content, cancellationToken);

    /// <summary>
    /// Retrieves properties for every object the specs select, following continuation tokens, and converts each
    /// page's objects as soon as the page arrived. A large retrieval then never holds more than one page of XML: with
    /// a small <paramref name="maxObjects"/>, each page's tree dies young instead of surviving into the oldest
    /// generation of the garbage collector.
    /// </summary>
    /// <typeparam name="T">What an object is converted to.</typeparam>
    /// <param name="specs">What to read.</param>
    /// <param name="maxObjects">Page size hint; null lets the server choose.</param>
    /// <param name="convert">Converts one object (must not keep its XML).</param>
    /// <param name="cancellationToken">Cancels the retrieval.</param>
    /// <returns>All converted objects (empty when nothing matched).</returns>
    /// <exception cref="VimFaultException">The server refused the retrieval (e.g. <see cref="ManagedObjectNotFoundException"/>).</exception>
    public async Task<IReadOnlyList<T>> RetrieveAsync<T>(
        IReadOnlyList<PropertyFilterSpec> specs, int? maxObjects, Func<ObjectContent, T> convert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(convert);
        var collector = _invoker.Content.PropertyCollector;
        var request = VimXml.Element(
            "RetrievePropertiesEx",
            VimXml.Moref("_this", collector),
            specs.Select(s => s.ToXml("specSet")),
            VimXml.Element("options", maxObjects is { } m ? VimXml.Element("maxObjects", m) : null));
        var page = await _invoker.InvokeAsync(request, RetrieveResult.Parse, idempotent: true, cancellationToken);
        var objects = new List<T>(page.Objects.Select(convert));
        while (page.Token is { } token)
        {
            var next = VimXml.Element(
                "ContinueRetrievePropertiesEx", VimXml.Moref("_this", collector), VimXml.Element("token", token));
            try
            {
                page = await _invoker.InvokeAsync(next, RetrieveResult.Parse, idempotent: false, cancellationToken);
            }
            catch
            {
                await CancelRetrievalAsync(collector, token);
                throw;
            }

            objects.AddRange(page.Objects.Select(convert));
        }

        return objects;
    }

    /// <summary>Releases the server's remaining pages of an abandoned retrieval (best effort).</summary>
    private async Task CancelRetrievalAsync(ManagedObjectReference collector, string token)
    {
        try
        {
            // The retrieval is being abandoned, possibly because the caller cancelled: clean up with a fresh token.
            using var cleanup = new CancellationTokenSource(_options.Timeout);
            await _invoker.InvokeVoidAsync(
                VimXml.Element("CancelRetrievePropertiesEx", VimXml.Moref("_this", collector), VimXml.Element("token", token)),
                idempotent: true,
                cleanup.Token);
        }
        catch (Exception e)
        {
            Log.RetrievalCancelFailed(_logger, token, e.Message);
        }
    }

    /// <summary>Retrieves some properties of one object.</summary>
    /// <returns>The object's properties; unset properties are absent from <see cref="ObjectContent.Properties"/>.</returns>
    /// <exception cref="ManagedObjectNotFoundException">The object does not exist.</exception>
    public async Task<ObjectContent> RetrieveObjectAsync(
        ManagedObjectReference obj, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var results = await RetrieveAsync([PropertyFilterSpec.ForObject(obj, paths)], null, cancellationToken);
        return results.FirstOrDefault(r => r.ManagedObject == obj)
            ?? new ObjectContent(obj, new Dictionary<string, System.Xml.Linq.XElement>(), []);
    }

    /// <summary>
    /// Reads some properties of every object of <paramref name="type"/> in the inventory, through a temporary
    /// container view on the root folder (destroyed afterwards). A view lives in its session: when the server drops
    /// the session during the listing, the view is gone with it, so the listing runs once more through a new view
    /// (whose creation logs in again) and the dead view is not destroyed.
    /// </summary>
    /// <param name="type">Managed object type, e.g. <c>VirtualMachine</c> or <c>HostSystem</c>.</param>
    /// <param name="paths">Property paths to read.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    public async Task<IReadOnlyList<ObjectContent>> ListAsync(string type, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var view = await InventoryViews.CreateAsync(_invoker, type, cancellationToken);
            var gone = false;
            try
            {
                return await RetrieveAsync([PropertyFilterSpec.ForContainerView(view, type, paths)], null, cancellationToken);
            }
            catch (ManagedObjectNotFoundException) when (attempt == 1)
            {
                // Nobody else destroys our view: it died with a dropped session (some servers say so before they say
                // NotAuthenticated). List again through a new view.
                gone = true;
            }
            finally
            {
                if (!gone)
                {
                    await DestroyViewAsync(view);
                }
            }
        }
    }

    /// <summary>Destroys a temporary view (best effort: a view left over ends with its session).</summary>
    private async Task DestroyViewAsync(ManagedObjectReference view)
    {
        try
        {
            using var cleanup = new CancellationTokenSource(_options.Timeout);
            await _invoker.InvokeVoidAsync(VimXml.Element("DestroyView", VimXml.Moref("_this", view)), idempotent: false, cleanup.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.ViewCleanupFailed(_logger, view.Value, e.Message);
        }
    }

    /// <summary>
    /// Watches the objects a spec selects: first every object as <see cref="ObjectUpdateKind.Enter"/> with its full
    /// state, then changes as they happen. Runs until cancelled. After a re-login the watch is re-created and the
    /// objects enter again.
    /// </summary>
    public async IAsyncEnumerable<ObjectUpdate> WatchAsync(
        PropertyFilterSpec spec, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        await foreach (var batch in WatchAsync(PropertyWatch.ForSpec(_invoker, spec, _options.UpdateWaitTime, _logger), cancellationToken))
        {
            foreach (var update in batch.Updates)
            {
                yield return update;
            }
        }
    }

    /// <summary>
    /// Watches some properties of every object of a type in the inventory (a container view on the root folder,
    /// recursive), answer by answer: the first batch is the baseline (every object enters with its state; it may
    /// span several batches, see <see cref="PropertyUpdateBatch.Complete"/>), later batches carry changes, objects
    /// that appear (enter) and objects that are gone (leave). A batch comes at least every
    /// <see cref="VimConnectionOptions.UpdateWaitTime"/>, empty when nothing changed, so a consumer can tell a quiet
    /// inventory from a stalled watch. After a re-login the view and the watch are re-created and the next batch is a
    /// new baseline. Runs until cancelled; a failed call ends the enumeration with its exception.
    /// </summary>
    /// <param name="type">Managed object type, e.g. <c>VirtualMachine</c>.</param>
    /// <param name="paths">Property paths to watch.</param>
    /// <param name="cancellationToken">Stops the watch.</param>
    public IAsyncEnumerable<PropertyUpdateBatch> WatchInventoryAsync(string type, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(paths);
        return WatchAsync(PropertyWatch.ForContainer(_invoker, type, paths, _options.UpdateWaitTime, _logger), cancellationToken);
    }

    private static async IAsyncEnumerable<PropertyUpdateBatch> WatchAsync(
        PropertyWatch watch, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using (watch)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return await watch.NextAsync(cancellationToken);
            }
        }
    }
}
