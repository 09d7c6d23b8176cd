namespace SnapshotHa.Api.Common;

/// <summary>The API group, version and category of every SnapshotHA resource.</summary>
public static class ApiGroup
{
    /// <summary>The API group.</summary>
    public const string Group = "snapshotha.io";

    /// <summary>The served and stored version.</summary>
    public const string Version = "v1alpha1";

    /// <summary>The <c>apiVersion</c> of our objects.</summary>
    public const string ApiVersion = Group + "/" + Version;

    /// <summary>The category listing every SnapshotHA resource (<c>kubectl get snapshotha</c>).</summary>
    public const string Category = "snapshotha";
}
