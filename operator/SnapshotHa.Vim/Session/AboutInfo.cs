namespace SnapshotHa.Vim.Session;

/// <summary>What the server says about itself (<c>ServiceContent.about</c>).</summary>
/// <param name="Name">Product name, e.g. <c>VMware ESXi</c>.</param>
/// <param name="FullName">Product name with version and build.</param>
/// <param name="Version">Product version, e.g. <c>6.5.0</c>.</param>
/// <param name="Build">Build number.</param>
/// <param name="ApiType"><c>HostAgent</c> (ESXi) or <c>VirtualCenter</c>.</param>
/// <param name="ApiVersion">vim25 API version, e.g. <c>6.5</c>.</param>
/// <param name="InstanceUuid">vCenter instance UUID; null on ESXi.</param>
public sealed record AboutInfo(
    string Name,
    string FullName,
    string Version,
    string Build,
    string ApiType,
    string ApiVersion,
    string? InstanceUuid)
{
    /// <summary>Gets whether the endpoint is a single ESXi host (not vCenter).</summary>
    public bool IsHostAgent => ApiType == "HostAgent";
}
