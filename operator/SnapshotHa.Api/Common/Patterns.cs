namespace SnapshotHa.Api.Common;

/// <summary>Regular expressions shared by the resource schemas.</summary>
public static class Patterns
{
    /// <summary>A Go-style duration as Kubernetes users write it: <c>90s</c>, <c>15m</c>, <c>1h30m</c>.</summary>
    public const string Duration = GoDurationSyntax.Pattern;

    /// <summary>A DNS-1123 subdomain: the name of a Kubernetes object.</summary>
    public const string ObjectName = @"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    /// <summary>A SHA-256 certificate thumbprint as 32 colon-separated hex pairs (the form vSphere shows).</summary>
    public const string Sha256Thumbprint = "^([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$";

    /// <summary>A vSphere managed object id of a virtual machine (<c>vm-42</c> on vCenter, <c>42</c> on a standalone ESXi host).</summary>
    public const string VirtualMachineMoref = "^(vm-)?[0-9]+$";

    /// <summary>A lowercase or uppercase RFC 4122 UUID.</summary>
    public const string Uuid = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    /// <summary>A relative path without <c>..</c> segments.</summary>
    public const string RelativePath = @"^([^/.][^/]*|\.[^/.][^/]*)(/([^/.][^/]*|\.[^/.][^/]*))*$";

    /// <summary>An S3 bucket name.</summary>
    public const string BucketName = "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$";

    /// <summary>A repository image id: 32 lowercase hex digits (SnapshotHa.Repository ImageIds).</summary>
    public const string ManifestId = "^[0-9a-f]{32}$";
}
