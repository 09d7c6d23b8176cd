using System.Runtime.CompilerServices;
using SnapshotHa.Vim.Datastores;
using SnapshotHa.Vim.Faults;
using SnapshotHa.Vim.Properties;
using SnapshotHa.Vim.Soap;
using SnapshotHa.Vim.Tasks;

namespace SnapshotHa.Vim.VirtualMachines;

/// <summary>
/// VM facts and life cycle: read facts (power, host, heartbeat, disks and their chains, files), watch liveness,
/// power on/off, register/unregister, reconfigure, find VMs.
/// </summary>
public sealed class VirtualMachineService : IVirtualMachineService
{
    private const int MaxInventoryDepth = 32;
    private readonly VimInvoker _invoker;
    private readonly PropertyCollector _properties;
    private readonly TaskService _tasks;

    internal VirtualMachineService(VimInvoker invoker, PropertyCollector properties, TaskService tasks)
    {
        _invoker = invoker;
        _properties = properties;
        _tasks = tasks;
    }

    /// <summary>Reads a VM's facts in one property retrieval.</summary>
    /// <exception cref="ManagedObjectNotFoundException">The VM does not exist.</exception>
    public async Task<VirtualMachineFacts> GetFactsAsync(ManagedObjectReference vm, CancellationToken cancellationToken)
    {
        var content = await _properties.RetrieveObjectAsync(vm, VirtualMachineFacts.Paths, cancellationToken);
        return VirtualMachineFacts.FromContent(content);
    }

    /// <summary>
    /// Reads the facts of several VMs in one property retrieval (one <c>RetrievePropertiesEx</c> instead of one per VM,
    /// in pages of <see cref="FactsPageSize"/> VMs, each converted as it arrives).
    /// </summary>
    /// <returns>The facts by VM; a VM the server returned nothing for is absent.</returns>
    /// <exception cref="ManagedObjectNotFoundException">One of the VMs does not exist (the server refuses the whole retrieval).</exception>
    public async Task<IReadOnlyDictionary<ManagedObjectReference, VirtualMachineFacts>> GetFactsAsync(
        IReadOnlyList<ManagedObjectReference> vms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vms);
        if (vms.Count == 0)
        {
            return new Dictionary<ManagedObjectReference, VirtualMachineFacts>();
        }

        var facts = await _properties.RetrieveAsync(
            [PropertyFilterSpec.ForObjects("VirtualMachine", vms, VirtualMachineFacts.Paths)], FactsPageSize, VirtualMachineFacts.FromContent, cancellationToken);
        return facts.ToDictionary(f => f.Vm);
    }

    /// <summary>
    /// How many VMs' facts one page of a batched retrieval holds: every device and file of 100 VMs is a few hundred KB
    /// of XML, parsed and dropped before the next page comes.
    /// </summary>
    public const int FactsPageSize = 100;

    /// <summary>Finds VMs by display name (names are not unique in vCenter).</summary>
    public async Task<IReadOnlyList<ManagedObjectReference>> FindByNameAsync(string name, CancellationToken cancellationToken)
    {
        var all = await _properties.ListAsync("VirtualMachine", ["name"], cancellationToken);
        return [.. all.Where(o => o.Text("name") == name).Select(o => o.ManagedObject)];
    }

    /// <summary>Finds a VM by its instance UUID (vCenter) or BIOS UUID, or null.</summary>
    public async Task<ManagedObjectReference?> FindByUuidAsync(string uuid, bool instanceUuid, CancellationToken cancellationToken)
    {
        var searchIndex = _invoker.Content.SearchIndex
            ?? throw new NotSupportedException("The server has no SearchIndex.");
        return await _invoker.InvokeAsync(
            VimXml.Element(
                "FindByUuid",
                VimXml.Moref("_this", searchIndex),
                VimXml.Element("uuid", uuid),
                VimXml.Element("vmSearch", "true"),
                VimXml.Element("instanceUuid", VimXml.Bool(instanceUuid))),
            r => r.Child("returnval")?.ToMoref(),
            idempotent: true,
            cancellationToken);
    }

    /// <summary>Finds an inventory object by its path (<c>SearchIndex.FindByInventoryPath</c>), e.g. <c>DC0/vm/apps</c>.</summary>
    /// <param name="inventoryPath">The path from the root folder: datacenter, then the folder or resource pool path.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The object, or null when nothing has that path.</returns>
    public async Task<ManagedObjectReference?> FindByInventoryPathAsync(string inventoryPath, CancellationToken cancellationToken)
    {
        var searchIndex = _invoker.Content.SearchIndex
            ?? throw new NotSupportedException("The server has no SearchIndex.");
        return await _invoker.InvokeAsync(
            VimXml.Element("FindByInventoryPath", VimXml.Moref("_this", searchIndex), VimXml.Element("inventoryPath", inventoryPath)),
            r => r.Child("returnval")?.ToMoref(),
            idempotent: true,
            cancellationToken);
    }

    /// <summary>
    /// Watches a VM's liveness: yields the full state first, then after every change of power, connection, host or
    /// guest heartbeat. Runs until cancelled.
    /// </summary>
    public async IAsyncEnumerable<VirtualMachineState> WatchStateAsync(
        ManagedObjectReference vm, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var paths = new[] { "runtime.powerState", "runtime.connectionState", "runtime.host", "guestHeartbeatStatus", "summary.quickStats.guestHeartbeatStatus" };
        var values = new Dictionary<string, System.Xml.Linq.XElement?>(StringComparer.Ordinal);
        await foreach (var update in _properties.WatchAsync(PropertyFilterSpec.ForObject(vm, paths), cancellationToken))
        {
            foreach (var change in update.Changes)
            {
                values[change.Name] = change.Value;
            }

            var heartbeat = values.GetValueOrDefault("guestHeartbeatStatus")?.Value
                ?? values.GetValueOrDefault("summary.quickStats.guestHeartbeatStatus")?.Value;
            yield return new VirtualMachineState(
                vm,
                VimEnums.Parse(values.GetValueOrDefault("runtime.powerState")?.Value, VirtualMachinePowerState.Unknown),
                values.GetValueOrDefault("runtime.connectionState")?.Value,
                values.GetValueOrDefault("runtime.host")?.ToMoref(),
                VimEnums.Parse(heartbeat, ManagedEntityStatus.Gray));
        }
    }

    /// <summary>Powers a VM on (<c>PowerOnVM_Task</c>).</summary>
    /// <exception cref="InvalidPowerStateException">The VM is already on.</exception>
    public Task PowerOnAsync(ManagedObjectReference vm, ManagedObjectReference? host, IProgress<TaskInfo>? progress, CancellationToken cancellationToken) =>
        _tasks.RunAsync(
            VimXml.Element("PowerOnVM_Task", VimXml.Moref("_this", vm), host is null ? null : VimXml.Moref("host", host)),
            progress,
            cancellationToken);

    /// <summary>Powers a VM off hard (<c>PowerOffVM_Task</c>).</summary>
    /// <exception cref="InvalidPowerStateException">The VM is already off.</exception>
    public Task PowerOffAsync(ManagedObjectReference vm, IProgress<TaskInfo>? progress, CancellationToken cancellationToken) =>
        _tasks.RunAsync(VimXml.Element("PowerOffVM_Task", VimXml.Moref("_this", vm)), progress, cancellationToken);

    /// <summary>Registers a VM from its .vmx file (<c>RegisterVM_Task</c>).</summary>
    /// <param name="vmxPath">The configuration file.</param>
    /// <param name="name">Display name, or null to take the one in the .vmx.</param>
    /// <param name="placement">Folder, resource pool and host (see <see cref="GetPlacementAsync"/>).</param>
    /// <param name="progress">Receives task states; may be null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The registered VM.</returns>
    /// <exception cref="AlreadyExistsException">The .vmx is already registered.</exception>
    /// <exception cref="VimFileNotFoundException">A file of the VM is missing.</exception>
    public async Task<ManagedObjectReference> RegisterAsync(
        DatastorePath vmxPath, string? name, VirtualMachinePlacement placement,
        IProgress<TaskInfo>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(placement);
        var info = await _tasks.RunAsync(
            VimXml.Element(
                "RegisterVM_Task",
                VimXml.Moref("_this", placement.Folder),
                VimXml.Element("path", vmxPath.ToString()),
                name is null ? null : VimXml.Element("name", name),
                VimXml.Element("asTemplate", "false"),
                VimXml.Moref("pool", placement.ResourcePool),
                placement.Host is null ? null : VimXml.Moref("host", placement.Host)),
            progress,
            cancellationToken);
        return info.ResultReference ?? throw new VimProtocolException("RegisterVM_Task returned no VM.");
    }

    /// <summary>Creates a VM over existing disk files (<c>CreateVM_Task</c>).</summary>
    /// <param name="placement">Folder, resource pool and host (see <see cref="GetPlacementAsync"/>).</param>
    /// <param name="spec">Name, configuration file, hardware, disks and adapters.</param>
    /// <param name="progress">Receives task states; may be null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The new VM.</returns>
    /// <exception cref="VimFaultException">The server refused the configuration (for example the .vmx exists).</exception>
    public async Task<ManagedObjectReference> CreateAsync(
        VirtualMachinePlacement placement, VirtualMachineCreateSpec spec, IProgress<TaskInfo>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(placement);
        ArgumentNullException.ThrowIfNull(spec);
        var info = await _tasks.RunAsync(
            VimXml.Element(
                "CreateVM_Task",
                VimXml.Moref("_this", placement.Folder),
                spec.ToXml(),
                VimXml.Moref("pool", placement.ResourcePool),
                placement.Host is null ? null : VimXml.Moref("host", placement.Host)),
            progress,
            cancellationToken);
        return info.ResultReference ?? throw new VimProtocolException("CreateVM_Task returned no VM.");
    }

    /// <summary>Reads the CPU, memory, guest id and network adapters of a VM.</summary>
    /// <exception cref="ManagedObjectNotFoundException">The VM does not exist.</exception>
    public async Task<VirtualMachineHardware> GetHardwareAsync(ManagedObjectReference vm, CancellationToken cancellationToken)
    {
        var content = await _properties.RetrieveObjectAsync(vm, VirtualMachineHardware.Paths, cancellationToken);
        return VirtualMachineHardware.FromContent(content);
    }

    /// <summary>Lists every VM with its configuration file path (to find a VM created earlier in a known directory).</summary>
    /// <returns>VM and <c>config.files.vmPathName</c> pairs.</returns>
    public async Task<IReadOnlyList<(ManagedObjectReference Vm, string? VmxPath)>> ListVmxPathsAsync(CancellationToken cancellationToken)
    {
        var all = await _properties.ListAsync("VirtualMachine", ["config.files.vmPathName"], cancellationToken);
        return [.. all.Select(o => (o.ManagedObject, o.Text("config.files.vmPathName")))];
    }

    /// <summary>Deletes a VM and its files (<c>Destroy_Task</c>); the VM must be powered off.</summary>
    /// <exception cref="InvalidPowerStateException">The VM is powered on.</exception>
    public Task DestroyAsync(ManagedObjectReference vm, IProgress<TaskInfo>? progress, CancellationToken cancellationToken) =>
        _tasks.RunAsync(VimXml.Element("Destroy_Task", VimXml.Moref("_this", vm)), progress, cancellationToken);

    /// <summary>Removes a VM from the inventory, keeping its files (<c>UnregisterVM</c>).</summary>
    public Task UnregisterAsync(ManagedObjectReference vm, CancellationToken cancellationToken) =>
        _invoker.InvokeVoidAsync(VimXml.Element("UnregisterVM", VimXml.Moref("_this", vm)), idempotent: false, cancellationToken);

    /// <summary>Changes a VM's configuration (<c>ReconfigVM_Task</c>).</summary>
    public Task ReconfigureAsync(
        ManagedObjectReference vm, VirtualMachineConfigChange change, IProgress<TaskInfo>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return _tasks.RunAsync(VimXml.Element("ReconfigVM_Task", VimXml.Moref("_this", vm), change.ToXml()), progress, cancellationToken);
    }

    /// <summary>
    /// Finds where to register a VM on a host: the host's compute resource pool and its datacenter's VM folder.
    /// </summary>
    /// <exception cref="VimProtocolException">The host is not inside a compute resource and a datacenter.</exception>
    public async Task<VirtualMachinePlacement> GetPlacementAsync(ManagedObjectReference host, CancellationToken cancellationToken)
    {
        var hostContent = await _properties.RetrieveObjectAsync(host, ["parent"], cancellationToken);
        var compute = hostContent["parent"]?.ToMoref()
            ?? throw new VimProtocolException($"Host {host.Value} has no parent compute resource.");
        var computeContent = await _properties.RetrieveObjectAsync(compute, ["resourcePool", "parent"], cancellationToken);
        var pool = computeContent["resourcePool"]?.ToMoref()
            ?? throw new VimProtocolException($"Compute resource {compute.Value} has no resource pool.");
        var current = computeContent["parent"]?.ToMoref();
        for (var depth = 0; current is not null && depth < MaxInventoryDepth; depth++)
        {
            if (current.Type == "Datacenter")
            {
                var datacenter = await _properties.RetrieveObjectAsync(current, ["vmFolder"], cancellationToken);
                var folder = datacenter["vmFolder"]?.ToMoref()
                    ?? throw new VimProtocolException($"Datacenter {current.Value} has no VM folder.");
                return new VirtualMachinePlacement(folder, pool, host);
            }

            current = (await _properties.RetrieveObjectAsync(current, ["parent"], cancellationToken))["parent"]?.ToMoref();
        }

        throw new VimProtocolException($"Host {host.Value} is not inside a datacenter.");
    }
}
