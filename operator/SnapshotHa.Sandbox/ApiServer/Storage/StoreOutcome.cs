namespace SnapshotHa.Sandbox.ApiServer.Storage;

/// <summary>The result of a store change: what was done and the object afterwards (or its last state when deleted).</summary>
internal sealed record StoreOutcome(StoreAction Action, StoredObject Object, bool Created);
