namespace SnapshotHa.Disks;

/// <summary>What a layer holds for an allocated range.</summary>
public enum ExtentKind
{
    /// <summary>The layer holds written data for the range.</summary>
    Data,

    /// <summary>The layer marks the range as zeroed: it reads as zeros and hides the parent.</summary>
    Zero,
}
