using System.Text.Json.Nodes;

namespace SnapshotHa.Sandbox.ApiServer.Storage;

/// <summary>What a change function decided: write an object, delete it (publishing its last state) or keep it.</summary>
internal sealed record StoreDecision(StoreAction Action, JsonObject? Object)
{
    /// <summary>Store <paramref name="obj"/> under a new resourceVersion.</summary>
    public static StoreDecision Write(JsonObject obj) => new(StoreAction.Write, obj);

    /// <summary>Remove the object; <paramref name="lastState"/> is what watchers see in the DELETED event.</summary>
    public static StoreDecision Delete(JsonObject lastState) => new(StoreAction.Delete, lastState);

    /// <summary>Leave the stored object as it is (a no-op write).</summary>
    public static StoreDecision Keep { get; } = new(StoreAction.Keep, null);
}
