using System.Threading.Channels;
using SnapshotHa.Sandbox.ApiServer.Storage;

namespace SnapshotHa.Sandbox.ApiServer.Watch;

/// <summary>An open watch: the events of one resource (or all, when <paramref name="storageKey"/> is null) in one namespace (or all).</summary>
internal sealed class WatchSubscription(string? storageKey, string? @namespace)
{
    private readonly Channel<WatchEvent> _events = Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>The events in resourceVersion order.</summary>
    public ChannelReader<WatchEvent> Events => _events.Reader;

    /// <summary>Whether the subscription wants events about <paramref name="obj"/>.</summary>
    public bool Matches(StoredObject obj) =>
        (storageKey is null || obj.Type.StorageKey == storageKey) && (@namespace is null || obj.Namespace == @namespace);

    /// <summary>Queues an event; called under the store lock so order is the commit order.</summary>
    public void Offer(WatchEvent watchEvent) => _events.Writer.TryWrite(watchEvent);

    /// <summary>Ends the event stream.</summary>
    public void Complete() => _events.Writer.TryComplete();
}
