using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SnapshotHa.Operator.Controllers.Failovers;
using SnapshotHa.Vim;
using SnapshotHa.Vim.VirtualMachines;

namespace SnapshotHa.Operator.Tests.Controllers;

/// <summary>
/// The failure checks take VM states from one inventory watch per endpoint: it holds what a retrieval reads, follows
/// crashes, host failures and deleted VMs without retrieving anything, and offers nothing once its answers stop.
/// </summary>
public sealed class VmStateWatchTests
{
    private const string Endpoint = "default/vcenter";

    [Fact]
    public async Task The_watch_holds_what_a_retrieval_reads_and_follows_changes_without_retrievals()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var session = await VpxSimulatorSession.StartAsync(3, 6, cancellation.Token);
        var (simulator, vim, vms) = (session.Simulator, session.Vim, session.Vms);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var watch = new VmStateWatch(time, NullLogger<VmStateWatch>.Instance);

        var states = await EventuallyAsync(() => watch.Current(Endpoint, vim), s => s.Count >= vms.Count, cancellation.Token);
        var read = await FailureWatchStates.ReadAsync(vim, vms, cancellation.Token);
        foreach (var vm in vms)
        {
            states[vm].Should().BeEquivalentTo(read[vm], $"the watch holds what a retrieval reads of {vm.Value}");
        }

        var retrievals = await session.CallsAsync("RetrievePropertiesEx", cancellation.Token);
        var crashed = vms[0];
        var onFailedHost = vms.Skip(1).First(v => states[v].Host != states[crashed].Host);
        var gone = vms.Skip(1).First(v => v != onFailedHost && states[v].Host != states[onFailedHost].Host);
        await simulator.Control.CrashVmAsync(crashed.Value, cancellation.Token);
        await simulator.Control.FailHostAsync(states[onFailedHost].Host!.Value, false, "fault", cancellation.Token);
        await vim.VirtualMachines.PowerOffAsync(gone, null, cancellation.Token);
        await vim.VirtualMachines.DestroyAsync(gone, null, cancellation.Token);

        await EventuallyAsync(() => watch.Current(Endpoint, vim), s => s[crashed].PowerState == VirtualMachinePowerState.PoweredOff, cancellation.Token);
        await EventuallyAsync(() => watch.Current(Endpoint, vim), s => s[onFailedHost].ConnectionState == "disconnected", cancellation.Token);
        await EventuallyAsync(() => watch.Current(Endpoint, vim), s => !s.ContainsKey(gone), cancellation.Token);
        (await session.CallsAsync("RetrievePropertiesEx", cancellation.Token)).Should().Be(retrievals, "the watch retrieves nothing to follow changes");
        watch.Current(Endpoint, vim)![vms[^1]].PowerState.Should().Be(read[vms[^1]].PowerState, "unchanged VMs keep their state");

        time.Advance(vim.Options.UpdateWaitTime * 3);
        watch.Current(Endpoint, vim).Should().BeNull("no answer came for longer than twice the wait time");
        await simulator.Control.HeartbeatAsync(vms[^1].Value, "yellow", cancellation.Token);
        await EventuallyAsync(() => watch.Current(Endpoint, vim), s => s[vms[^1]].GuestHeartbeat == ManagedEntityStatus.Yellow, cancellation.Token);

        await watch.RetainAsync(new HashSet<string>());
        await simulator.Control.RestoreHostAsync(states[onFailedHost].Host!.Value, cancellation.Token);
    }

    private static async Task<IReadOnlyDictionary<ManagedObjectReference, VirtualMachineFacts>> EventuallyAsync(
        Func<IReadOnlyDictionary<ManagedObjectReference, VirtualMachineFacts>?> read,
        Func<IReadOnlyDictionary<ManagedObjectReference, VirtualMachineFacts>, bool> condition,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            if (read() is { } states && condition(states))
            {
                return states;
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
