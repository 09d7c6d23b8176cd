using System.Globalization;
using Microsoft.AspNetCore.Http;
using SnapshotHa.Sandbox.ApiServer.Errors;
using SnapshotHa.Sandbox.ApiServer.Registry;
using SnapshotHa.Sandbox.ApiServer.Selectors;
using SnapshotHa.Sandbox.ApiServer.Storage;
using SnapshotHa.Sandbox.ApiServer.Tables;
using SnapshotHa.Sandbox.ApiServer.Watch;

namespace SnapshotHa.Sandbox.ApiServer.Http;

/// <summary>
/// Serves <c>?watch=true</c>: replays state or history, then streams commits; BOOKMARKs right after the replay and every
/// <paramref name="bookmarkInterval"/> when asked for; closes after timeoutSeconds; a too-old resourceVersion gets an ERROR
/// event carrying a 410 Expired Status, as kube-apiserver sends it.
/// </summary>
internal sealed class WatchEndpoint(ObjectStore store, ActiveWatches activeWatches, TimeProvider timeProvider, TimeSpan bookmarkInterval)
{
    /// <summary>Streams the watch until the client leaves, the timeout passes, or the watch is dropped.</summary>
    public async Task ServeAsync(HttpContext context, ResourceRequest request, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var fromVersion = ParseResourceVersion(query["resourceVersion"]);
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"], request.Type);
        var asTable = TableBuilder.IsRequested(context.Request.Headers.Accept);
        var filtered = !labels.IsEmpty || !fields.IsEmpty;
        var includeObject = query["includeObject"].ToString();
        var bookmarks = string.Equals(query["allowWatchBookmarks"], "true", StringComparison.OrdinalIgnoreCase);
        var timeout = int.TryParse(query["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : Timeout.InfiniteTimeSpan;

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync(cancellationToken);
        WatchSubscription subscription;
        try
        {
            subscription = store.Watch(request.Type, request.Namespace, fromVersion);
        }
        catch (ApiException expired) when (expired.Code == 410)
        {
            await WriteAsync(context, WatchEventWriter.Line("ERROR", expired.ToStatus()), cancellationToken);
            return;
        }

        activeWatches.Add(context);
        using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        var bookmarkLoop = bookmarks ? BookmarkLoopAsync(subscription, linked.Token) : Task.CompletedTask;
        try
        {
            await foreach (var watchEvent in subscription.Events.ReadAllAsync(linked.Token))
            {
                var line = WatchEventWriter.Line(watchEvent, request.Type);
                if (watchEvent.Object is { } obj && (filtered || asTable))
                {
                    var node = obj.ToNode(request.Type);
                    if (!labels.Matches(ObjectFields.Labels(node)) || !fields.Matches(node))
                    {
                        continue;
                    }

                    if (asTable)
                    {
                        var table = TableBuilder.Build(request.Type, [node], watchEvent.ResourceVersion, timeProvider.GetUtcNow(), includeObject);
                        line = WatchEventWriter.Line(watchEvent.Type, table);
                    }
                }

                await WriteAsync(context, line, linked.Token);
            }
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // Timeout, client gone or server stopping: the stream ends.
        }
        finally
        {
            activeWatches.Remove(context);
            store.Unsubscribe(subscription);
            await linked.CancelAsync();
            await bookmarkLoop;
        }
    }

    private async Task BookmarkLoopAsync(WatchSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            store.Bookmark(subscription);
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(bookmarkInterval, timeProvider, cancellationToken);
                store.Bookmark(subscription);
            }
        }
        catch (OperationCanceledException)
        {
            // The watch ended.
        }
    }

    private static async Task WriteAsync(HttpContext context, byte[] line, CancellationToken cancellationToken)
    {
        await context.Response.Body.WriteAsync(line, cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }

    private static long? ParseResourceVersion(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw ApiErrors.BadRequest($"invalid resource version: \"{text}\"");
    }
}
