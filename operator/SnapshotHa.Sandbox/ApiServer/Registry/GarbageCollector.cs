using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SnapshotHa.Sandbox.ApiServer.Errors;
using SnapshotHa.Sandbox.ApiServer.Storage;
using SnapshotHa.Sandbox.ApiServer.Watch;

namespace SnapshotHa.Sandbox.ApiServer.Registry;

/// <summary>
/// Background cascading deletion: when an owner is removed, dependents without another live owner are deleted (their
/// finalizers respected) and dependents with one lose the stale owner reference; an Orphan deletion only strips references.
/// </summary>
internal sealed class GarbageCollector(ResourceRegistry registry, ILogger logger)
{
    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var subscription = registry.Store.Watch(null, null, null);
        try
        {
            await foreach (var change in subscription.Events.ReadAllAsync(cancellationToken))
            {
                if (change is { Type: WatchEvent.Deleted, Object: { } owner })
                {
                    Collect(owner);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            registry.Store.Unsubscribe(subscription);
        }
    }

    private void Collect(StoredObject owner)
    {
        var orphan = registry.TakeOrphanRequest(owner.Uid);
        var uid = Encoding.UTF8.GetBytes(owner.Uid);
        foreach (var dependent in registry.Store.All().Where(o => o.Json.AsSpan().IndexOf(uid) >= 0))
        {
            var node = dependent.ToNode();
            var owners = ObjectFields.OwnerUids(node);
            if (!owners.Contains(owner.Uid))
            {
                continue;
            }

            try
            {
                if (!orphan && !owners.Any(registry.Store.Exists))
                {
                    registry.Delete(dependent.Type, dependent.Namespace, dependent.Name, null);
                    Log.DependentDeleted(logger, dependent.Type.Kind, dependent.Namespace, dependent.Name, owner.Type.Kind, owner.Name);
                }
                else
                {
                    registry.Store.Change(dependent.Type, dependent.Namespace, dependent.Name, current => current is null
                        ? StoreDecision.Keep
                        : StoreDecision.Write(WithoutOwner(current, owner.Uid)));
                }
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Deleted meanwhile: nothing left to collect.
            }
        }
    }

    private static JsonObject WithoutOwner(JsonObject obj, string ownerUid)
    {
        var refs = (JsonArray)ObjectFields.Metadata(obj)["ownerReferences"]!;
        foreach (var stale in refs.OfType<JsonObject>().Where(r => ObjectFields.AsString(r["uid"]) == ownerUid).ToArray())
        {
            refs.Remove(stale);
        }

        return obj;
    }
}
