using SnapshotHa.Vim.Properties;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Hosts;

/// <summary>An ESXi host's health as the operator's heartbeat loop uses it.</summary>
/// <param name="Host">The host.</param>
/// <param name="Name">Host name.</param>
/// <param name="ConnectionState">Connection state.</param>
/// <param name="PowerState"><c>poweredOn</c>, <c>poweredOff</c>, <c>standBy</c> or <c>unknown</c>.</param>
/// <param name="InMaintenanceMode">Whether the host is in maintenance mode.</param>
/// <param name="OverallStatus">The host's overall health colour.</param>
public sealed record HostFacts(
    ManagedObjectReference Host,
    string Name,
    HostConnectionState ConnectionState,
    string? PowerState,
    bool InMaintenanceMode,
    ManagedEntityStatus OverallStatus)
{
    /// <summary>The property paths <see cref="FromValues"/> reads.</summary>
    internal static readonly IReadOnlyList<string> Paths =
        ["name", "runtime.connectionState", "runtime.powerState", "runtime.inMaintenanceMode", "overallStatus"];

    /// <summary>Builds the facts from property values by path.</summary>
    internal static HostFacts FromValues(ManagedObjectReference host, Func<string, string?> text) =>
        new(
            host,
            text("name") ?? host.Value,
            VimEnums.Parse(text("runtime.connectionState"), HostConnectionState.Unknown),
            text("runtime.powerState"),
            text("runtime.inMaintenanceMode") == "true",
            VimEnums.Parse(text("overallStatus"), ManagedEntityStatus.Gray));

    /// <summary>Builds the facts from retrieved properties.</summary>
    internal static HostFacts FromContent(ObjectContent content) => FromValues(content.ManagedObject, content.Text);
}
