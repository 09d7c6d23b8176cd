using System.Threading.Channels;
using k8s;

namespace SnapshotHa.Sandbox.Tests.Support;

/// <summary>Opens a Widget watch through the real KubernetesClient watcher and records what it reports.</summary>
public sealed class WatchRecorder : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly Channel<(WatchEventType Type, Widget Widget)> _events = Channel.CreateUnbounded<(WatchEventType, Widget)>();
    private readonly TaskCompletionSource<Exception> _error = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Watcher<Widget> _watcher;

    public WatchRecorder(IKubernetes client, string? resourceVersion, bool bookmarks = true, int? timeoutSeconds = null)
    {
        var response = client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync(
            TestCrds.Group, TestCrds.Version, "default", TestCrds.Plural,
            allowWatchBookmarks: bookmarks, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, watch: true);
#pragma warning disable CS0618 // The response-task watcher is what controllers on KubernetesClient 21 use.
        _watcher = response.Watch<Widget, object>(
            (type, widget) => _events.Writer.TryWrite((type, widget)),
            error => _error.TrySetResult(error),
            () => _closed.TrySetResult());
#pragma warning restore CS0618
    }

    public Task<Exception> Error => _error.Task.WaitAsync(Patience);

    public Task Closed => _closed.Task.WaitAsync(Patience);

    /// <summary>The next event that is not a bookmark.</summary>
    public async Task<(WatchEventType Type, Widget Widget)> NextChangeAsync()
    {
        while (true)
        {
            var next = await NextAsync();
            if (next.Type != WatchEventType.Bookmark)
            {
                return next;
            }
        }
    }

    public async Task<(WatchEventType Type, Widget Widget)> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await _events.Reader.ReadAsync(timeout.Token);
    }

    public void Dispose() => _watcher.Dispose();
}
