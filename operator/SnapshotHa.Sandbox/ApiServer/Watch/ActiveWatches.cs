using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace SnapshotHa.Sandbox.ApiServer.Watch;

/// <summary>The open watch connections, so they can be dropped abruptly.</summary>
internal sealed class ActiveWatches
{
    private readonly ConcurrentDictionary<HttpContext, byte> _contexts = new();

    /// <summary>Registers an open watch connection.</summary>
    public void Add(HttpContext context) => _contexts[context] = 0;

    /// <summary>Forgets a closed watch connection.</summary>
    public void Remove(HttpContext context) => _contexts.TryRemove(context, out _);

    /// <summary>Aborts every open watch connection (the client sees the stream break).</summary>
    public void AbortAll()
    {
        foreach (var context in _contexts.Keys)
        {
            try
            {
                context.Abort();
            }
            catch (ObjectDisposedException)
            {
                // The watch ended meanwhile and its request was completed: nothing left to abort.
            }

            _contexts.TryRemove(context, out _);
        }
    }
}
