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
    /// <summary>How many VMs one page of a retrieval holds (a state is a few hundred bytes of XML).</summary>
    public const int PageSize = 1000;

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

        var states = await vim.Properties.RetrieveAsync(
            [PropertyFilterSpec.ForObjects("VirtualMachine", vms, Paths)], PageSize, StateOf, cancellationToken);
        return states.ToDictionary(s => s.Vm);
    }

    /// <summary>Builds a VM's state from its property values, as retrieved or as watched.</summary>
    /// <param name="vm">The VM.</param>
    /// <param name="text">The text of a property of <see cref="Paths"/>, null when unset.</param>
    /// <param name="host">The value of <c>runtime.host</c>.</param>
    /// <returns>Facts without disks and layout.</returns>
    public static VirtualMachineFacts FromValues(ManagedObjectReference vm, Func<string, string?> text, ManagedObjectReference? host)
    {
        ArgumentNullException.ThrowIfNull(vm);
        ArgumentNullException.ThrowIfNull(text);
        return new(
            vm,
            text("name") ?? vm.Value,
            null,
            Parse(text("runtime.powerState"), VirtualMachinePowerState.Unknown),
            text("runtime.connectionState"),
            host,
            Parse(text("guestHeartbeatStatus") ?? text("summary.quickStats.guestHeartbeatStatus"), ManagedEntityStatus.Gray),
            false,
            null,
            null,
            [],
            FileLayout.Empty);
    }

    /// <summary>The host a <c>runtime.host</c> value names.</summary>
    /// <param name="value">The property's value element, or null.</param>
    /// <returns>The host, or null.</returns>
    public static ManagedObjectReference? HostOf(XElement? value) =>
        value is null ? null : new ManagedObjectReference(value.Attribute("type")?.Value ?? "HostSystem", value.Value);

    private static VirtualMachineFacts StateOf(ObjectContent content) =>
        FromValues(content.ManagedObject, content.Text, HostOf(content["runtime.host"]));

    private static TEnum Parse<TEnum>(string? text, TEnum fallback)
        where TEnum : struct, Enum =>
        text is not null && Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) ? value : fallback;
}
