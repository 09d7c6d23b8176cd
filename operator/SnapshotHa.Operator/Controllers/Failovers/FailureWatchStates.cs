using System.Xml.Linq;
using SnapshotHa.Vim;
using SnapshotHa.Vim.Properties;
using SnapshotHa.Vim.VirtualMachines;

namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>
/// The part of a VM's facts that failure detection reads (name, power and connection state, host, guest heartbeat),
/// for many VMs in one <c>RetrievePropertiesEx</c>. The full facts also carry every device and the file layout, about
/// ten times the bytes to produce and to parse; the failure watch reads every protected VM every round, so it asks
/// for the state only.
/// </summary>
public static class FailureWatchStates
{
    /// <summary>The property paths read.</summary>
    public static readonly IReadOnlyList<string> Paths =
    [
        "name", "runtime.powerState", "runtime.connectionState", "runtime.host",
        "guestHeartbeatStatus", "summary.quickStats.guestHeartbeatStatus",
    ];

    /// <summary>
    /// Reads the state of <paramref name="vms"/>: facts without disks and layout (<see cref="FileLayout.Empty"/>).
    /// </summary>
    /// <param name="vim">The endpoint's session.</param>
    /// <param name="vms">The VMs.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The state by VM; a VM the server returned nothing for is absent.</returns>
    /// <exception cref="Vim.Faults.VimFaultException">The server refused the retrieval (e.g. one VM is gone).</exception>
    public static async Task<IReadOnlyDictionary<ManagedObjectReference, VirtualMachineFacts>> ReadAsync(
        VimClient vim, IReadOnlyList<ManagedObjectReference> vms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vim);
        ArgumentNullException.ThrowIfNull(vms);
        if (vms.Count == 0)
        {
            return new Dictionary<ManagedObjectReference, VirtualMachineFacts>();
        }

        var contents = await vim.Properties.RetrieveAsync([PropertyFilterSpec.ForObjects("VirtualMachine", vms, Paths)], null, cancellationToken);
        return contents.ToDictionary(c => c.ManagedObject, StateOf);
    }

    private static VirtualMachineFacts StateOf(ObjectContent content) => new(
        content.ManagedObject,
        content.Text("name") ?? content.ManagedObject.Value,
        null,
        Parse(content.Text("runtime.powerState"), VirtualMachinePowerState.Unknown),
        content.Text("runtime.connectionState"),
        content["runtime.host"] is XElement host ? new ManagedObjectReference(host.Attribute("type")?.Value ?? "HostSystem", host.Value) : null,
        Parse(content.Text("guestHeartbeatStatus") ?? content.Text("summary.quickStats.guestHeartbeatStatus"), ManagedEntityStatus.Gray),
        false,
        null,
        null,
        [],
        FileLayout.Empty);

    private static TEnum Parse<TEnum>(string? text, TEnum fallback)
        where TEnum : struct, Enum =>
        text is not null && Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) ? value : fallback;
}
