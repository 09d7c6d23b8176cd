using SnapshotHa.Sandbox.ApiServer.Storage;

namespace SnapshotHa.Sandbox.ApiServer.Watch;

/// <summary>One watch event: ADDED, MODIFIED, DELETED with the object, or BOOKMARK at a resourceVersion.</summary>
internal sealed record WatchEvent(string Type, StoredObject? Object, long ResourceVersion)
{
    /// <summary>ADDED.</summary>
    public const string Added = "ADDED";

    /// <summary>MODIFIED.</summary>
    public const string Modified = "MODIFIED";

    /// <summary>DELETED.</summary>
    public const string Deleted = "DELETED";

    /// <summary>BOOKMARK.</summary>
    public const string Bookmark = "BOOKMARK";
}
