using System.Collections.Concurrent;
using SnapshotHa.Api.Protection;
using SnapshotHa.Operator.Controllers.Endpoints;
using SnapshotHa.Vim;
using SnapshotHa.Vim.VirtualMachines;

namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>
/// Decides from one check whether a protected VM failed: its host missed as many heartbeats as the endpoint allows
/// (the heartbeat loop counts them over the endpoint's interval), it was seen running and is now powered off without
/// SnapshotHA doing it (a crash), or its guest heartbeat stayed red longer than the policy's grace period. Remembers
/// per VM what it saw before (running, since when failed or red) between checks; after an operator restart the
/// ProtectedVM's last reported power state stands in for "was running".
/// </summary>
public sealed class FailureDetector
{
    private readonly ConcurrentDictionary<string, Memory> _memory = new(StringComparer.Ordinal);

    /// <summary>Checks one VM.</summary>
    /// <param name="key">Identifies the VM instance (ProtectedVM uid and VM moref).</param>
    /// <param name="vm">What vSphere reports about the VM.</param>
    /// <param name="heartbeat">The latest heartbeat of the VM's host, or null when no loop watches it.</param>
    /// <param name="reportedRunning">Whether the ProtectedVM's status last reported the VM powered on.</param>
    /// <param name="gracePeriod">How long a red guest heartbeat is tolerated.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The VmHealthy condition and the failure, if any.</returns>
    public FailureObservation Observe(
        string key, VmObservation vm, HostHeartbeat? heartbeat, bool reportedRunning, TimeSpan gracePeriod, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(vm);
        var memory = _memory.GetOrAdd(key, _ => new Memory { WasRunning = reportedRunning });
        lock (memory)
        {
            if (heartbeat is { Failed: true })
            {
                memory.HostFailedSince ??= now;
                var message = $"Host {heartbeat.Name} of VM {vm.Name} missed {heartbeat.ConsecutiveMisses} consecutive heartbeats "
                    + $"(failure threshold {heartbeat.MissesBeforeFailure}): {heartbeat.LastError}";
                return new FailureObservation(
                    null,
                    new DetectedFailure(
                        ProtectedVMConditions.ReasonHostNotResponding, message, heartbeat.LastHeartbeat ?? memory.HostFailedSince.Value, memory.HostFailedSince.Value, true));
            }

            memory.HostFailedSince = null;
            if (!vm.Connected || (heartbeat is { ConsecutiveMisses: > 0 }))
            {
                // The power state is only the last known one while the host does not answer: decide nothing.
                return new FailureObservation(null, null);
            }

            return vm.PowerState == VirtualMachinePowerState.PoweredOn ? Running(memory, vm, gracePeriod, now) : Stopped(memory, vm, now);
        }
    }

    /// <summary>The key of a VM instance of a ProtectedVM (its uid and the VM's moref).</summary>
    /// <param name="pvm">The ProtectedVM.</param>
    /// <param name="moref">The VM's moref.</param>
    /// <returns>The key for <see cref="Observe"/> and <see cref="SeenRunning"/>.</returns>
    public static string Key(ProtectedVM pvm, string moref)
    {
        ArgumentNullException.ThrowIfNull(pvm);
        return $"{pvm.Metadata.Uid}/{moref}";
    }

    /// <summary>
    /// Records that another reader (the protection cycle's direct read) saw the VM powered on and connected, so that a
    /// crash right after it is a crash even when the failure checks first see the VM off. A crash already seen stands.
    /// </summary>
    /// <param name="key">The key given to <see cref="Observe"/>.</param>
    /// <param name="now">When the VM was read.</param>
    public void SeenRunning(string key, DateTimeOffset now)
    {
        var memory = _memory.GetOrAdd(key, _ => new Memory());
        lock (memory)
        {
            if (memory.CrashedAt is null)
            {
                memory.WasRunning = true;
                memory.LastSeenRunning = memory.LastSeenRunning is { } last && last > now ? last : now;
            }
        }
    }

    /// <summary>Forgets a VM (after its failover, or when its ProtectedVM is gone).</summary>
    /// <param name="key">The key given to <see cref="Observe"/>.</param>
    public void Forget(string key) => _memory.TryRemove(key, out _);

    private static FailureObservation Running(Memory memory, VmObservation vm, TimeSpan gracePeriod, DateTimeOffset now)
    {
        memory.WasRunning = true;
        memory.LastSeenRunning = now;
        memory.CrashedAt = null;
        if (vm.GuestHeartbeat != ManagedEntityStatus.Red)
        {
            memory.RedSince = null;
            return new FailureObservation(new VmHealth(true, ProtectedVMConditions.ReasonVmRunning, $"VM {vm.Name} is powered on"), null);
        }

        memory.RedSince ??= now;
        var red = now - memory.RedSince.Value;
        if (red < gracePeriod)
        {
            return new FailureObservation(
                new VmHealth(true, ProtectedVMConditions.ReasonGuestHeartbeatRed, $"The guest heartbeat of VM {vm.Name} is red for {red.TotalSeconds:0.#} s (grace period {gracePeriod.TotalSeconds:0.#} s)"),
                null);
        }

        var message = $"The guest heartbeat of VM {vm.Name} stayed red for {red.TotalSeconds:0.#} s, longer than the grace period of {gracePeriod.TotalSeconds:0.#} s";
        return new FailureObservation(
            new VmHealth(false, ProtectedVMConditions.ReasonGuestHeartbeatLost, message),
            new DetectedFailure(ProtectedVMConditions.ReasonGuestHeartbeatLost, message, memory.RedSince.Value, now, false));
    }

    private static FailureObservation Stopped(Memory memory, VmObservation vm, DateTimeOffset now)
    {
        memory.RedSince = null;
        if (!memory.WasRunning && memory.CrashedAt is null)
        {
            return new FailureObservation(new VmHealth(false, ProtectedVMConditions.ReasonNotRunning, $"VM {vm.Name} is {vm.PowerState} and was not seen running"), null);
        }

        memory.WasRunning = false;
        memory.CrashedAt ??= now;
        var message = $"VM {vm.Name} was running and is now {vm.PowerState}, not by SnapshotHA";
        return new FailureObservation(
            new VmHealth(false, ProtectedVMConditions.ReasonPoweredOffUnexpectedly, message),
            new DetectedFailure(ProtectedVMConditions.ReasonPoweredOffUnexpectedly, message, memory.LastSeenRunning ?? memory.CrashedAt.Value, memory.CrashedAt.Value, false));
    }

    private sealed class Memory
    {
        public bool WasRunning { get; set; }

        public DateTimeOffset? HostFailedSince { get; set; }

        public DateTimeOffset? RedSince { get; set; }

        public DateTimeOffset? CrashedAt { get; set; }

        public DateTimeOffset? LastSeenRunning { get; set; }
    }
}
