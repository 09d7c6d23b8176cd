namespace SnapshotHa.Sandbox.ApiServer.Storage;

/// <summary>The kind of change the store made.</summary>
internal enum StoreAction
{
    /// <summary>The object was created or replaced.</summary>
    Write,

    /// <summary>The object was removed.</summary>
    Delete,

    /// <summary>Nothing changed.</summary>
    Keep,
}
