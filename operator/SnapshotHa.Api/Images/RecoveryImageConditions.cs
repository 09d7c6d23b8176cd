namespace SnapshotHa.Api.Images;

/// <summary>Condition types and reasons of a RecoveryImage.</summary>
public static class RecoveryImageConditions
{
    /// <summary>The manifest is written atomically.</summary>
    public const string Committed = "Committed";

    /// <summary>The last verification passed.</summary>
    public const string Verified = "Verified";

    /// <summary>The image is in the policy's secondary repository.</summary>
    public const string Replicated = "Replicated";

    /// <summary>The image was synced to the secondary repository.</summary>
    public const string ReasonSynced = "Synced";

    /// <summary>Syncing to the secondary repository failed; it is retried.</summary>
    public const string ReasonSyncFailed = "SyncFailed";

    /// <summary>The Job is running.</summary>
    public const string ReasonJobRunning = "JobRunning";

    /// <summary>The Job failed.</summary>
    public const string ReasonJobFailed = "JobFailed";

    /// <summary>The manifest was written.</summary>
    public const string ReasonManifestWritten = "ManifestWritten";

    /// <summary>Every chunk matched.</summary>
    public const string ReasonChunksMatched = "ChunksMatched";

    /// <summary>A chunk was missing or corrupt.</summary>
    public const string ReasonChunksCorrupt = "ChunksCorrupt";
}
