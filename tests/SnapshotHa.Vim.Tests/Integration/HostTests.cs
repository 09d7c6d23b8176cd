using SnapshotHa.Vim.Faults;
using SnapshotHa.Vim.Hosts;
using SnapshotHa.Vim.Tests.Simulator;

namespace SnapshotHa.Vim.Tests.Integration;

public sealed class HostTests(VcsimFixture fixture) : SimulatorTest<VcsimFixture>(fixture)
{
    private ManagedObjectReference Host => new("HostSystem", Sim.Vm0.Host);

    [Fact]
    public async Task List_and_facts_show_a_connected_host()
    {
        var hosts = await Sim.Client.Hosts.ListAsync(CancellationToken.None);

        var host = hosts.Should().ContainSingle().Subject;
        host.Host.Should().Be(Host);
        host.ConnectionState.Should().Be(HostConnectionState.Connected);
        (await Sim.Client.Hosts.GetFactsAsync(Host, CancellationToken.None)).Name.Should().Be(host.Name);
    }

    [Fact]
    public async Task Watch_sees_the_host_stop_responding_and_come_back()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var updates = Sim.Client.Hosts.WatchAsync([Host], timeout.Token).GetAsyncEnumerator(timeout.Token);
        (await updates.MoveNextAsync()).Should().BeTrue();
        updates.Current.ConnectionState.Should().Be(HostConnectionState.Connected);

        await Sim.Launcher.Failures.FailHostAsync(Sim.Vm0.Host, powerOffVms: false, "fault", CancellationToken.None);
        await NextStateAsync(updates, HostConnectionState.NotResponding);
        (await Sim.Client.Hosts.GetFactsAsync(Host, CancellationToken.None)).ConnectionState.Should().Be(HostConnectionState.NotResponding);

        await Sim.Launcher.Failures.RestoreHostAsync(Sim.Vm0.Host, CancellationToken.None);
        await NextStateAsync(updates, HostConnectionState.Connected);
    }

    [Fact]
    public async Task Calls_on_a_failed_host_are_retried_then_throw_HostCommunication()
    {
        await Sim.Launcher.Failures.FailHostAsync(Sim.Vm0.Host, powerOffVms: false, "fault", CancellationToken.None);
        try
        {
            var act = () => Sim.Client.Snapshots.CreateAsync(Sim.Vm0.Reference, "unreachable", "", false, false, null, CancellationToken.None);

            (await act.Should().ThrowAsync<HostCommunicationException>()).Which.FaultType.Should().Be("HostNotConnected");
            (await Sim.Launcher.Control.CallCountAsync("CreateSnapshot_Task")).Should().Be(Sim.Launcher.Options().MaxRetryAttempts + 1);
        }
        finally
        {
            await Sim.Launcher.Failures.RestoreHostAsync(Sim.Vm0.Host, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Calls_on_a_hanging_host_time_out()
    {
        await using var client = await VimClient.ConnectAsync(
            Sim.Launcher.Options() with { Timeout = TimeSpan.FromSeconds(1), MaxRetryAttempts = 0 }, null, null, CancellationToken.None);
        await Sim.Launcher.Failures.FailHostAsync(Sim.Vm0.Host, powerOffVms: false, "hang", CancellationToken.None);
        try
        {
            var act = () => client.VirtualMachines.PowerOffAsync(Sim.Vm0.Reference, null, CancellationToken.None);

            (await act.Should().ThrowAsync<TimeoutException>()).Which.Message.Should().Contain("PowerOffVM_Task");
        }
        finally
        {
            await Sim.Launcher.Failures.RestoreHostAsync(Sim.Vm0.Host, CancellationToken.None);
        }
    }

    private static async Task NextStateAsync(IAsyncEnumerator<HostFacts> updates, HostConnectionState state)
    {
        while (await updates.MoveNextAsync())
        {
            if (updates.Current.ConnectionState == state)
            {
                return;
            }
        }

        throw new InvalidOperationException($"The watch ended before the host became {state}.");
    }
}
