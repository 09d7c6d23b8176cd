using SnapshotHa.Vim.Properties;
using SnapshotHa.Vim.Tests.Simulator;

namespace SnapshotHa.Vim.Tests.Integration;

public sealed class PropertyCollectorTests(VcsimFixture fixture) : SimulatorTest<VcsimFixture>(fixture)
{
    [Fact]
    public async Task Paged_retrieval_follows_continuation_tokens()
    {
        var vms = Sim.Launcher.Ready.Vms.Select(v => v.Reference).ToList();

        var objects = await Sim.Client.Properties.RetrieveAsync(
            [PropertyFilterSpec.ForObjects("VirtualMachine", vms, "name")], maxObjects: 1, CancellationToken.None);

        objects.Select(o => o.Text("name")).Should().BeEquivalentTo(Sim.Launcher.Ready.Vms.Select(v => v.Name));
        (await Sim.Launcher.Control.CallCountAsync("ContinueRetrievePropertiesEx")).Should().BeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Paged_retrieval_converts_every_page()
    {
        var vms = Sim.Launcher.Ready.Vms.Select(v => v.Reference).ToList();
        var continued = await Sim.Launcher.Control.CallCountAsync("ContinueRetrievePropertiesEx");

        var names = await Sim.Client.Properties.RetrieveAsync(
            [PropertyFilterSpec.ForObjects("VirtualMachine", vms, "name")], 1, o => (o.ManagedObject, Name: o.Text("name")), CancellationToken.None);

        names.Should().BeEquivalentTo(Sim.Launcher.Ready.Vms.Select(v => (v.Reference, (string?)v.Name)));
        (await Sim.Launcher.Control.CallCountAsync("ContinueRetrievePropertiesEx")).Should().Be(continued + vms.Count - 1, "one page per VM");
    }

    [Fact]
    public async Task Failed_paging_releases_the_remaining_pages()
    {
        var vms = Sim.Launcher.Ready.Vms.Select(v => v.Reference).ToList();
        await Sim.Launcher.Control.AddFaultAsync(new { kind = "soapFault", method = "ContinueRetrievePropertiesEx", fault = "InvalidArgument", message = "token", count = 1 });

        var act = () => Sim.Client.Properties.RetrieveAsync(
            [PropertyFilterSpec.ForObjects("VirtualMachine", vms, "name")], maxObjects: 1, CancellationToken.None);

        await act.Should().ThrowAsync<Faults.InvalidArgumentException>();
        (await Sim.Launcher.Control.CallCountAsync("CancelRetrievePropertiesEx")).Should().Be(1);
    }

    [Fact]
    public async Task Inventory_listing_finds_every_VM()
    {
        var found = await Sim.Client.VirtualMachines.FindByNameAsync(Sim.Vm0.Name, CancellationToken.None);

        found.Should().Equal(Sim.Vm0.Reference);
    }

    [Fact]
    public async Task Search_by_instance_uuid_finds_the_VM()
    {
        var facts = await Sim.Client.VirtualMachines.GetFactsAsync(Sim.Vm1.Reference, CancellationToken.None);
        facts.InstanceUuid.Should().NotBeNullOrEmpty();

        var found = await Sim.Client.VirtualMachines.FindByUuidAsync(facts.InstanceUuid!, instanceUuid: true, CancellationToken.None);
        var missing = await Sim.Client.VirtualMachines.FindByUuidAsync("00000000-0000-0000-0000-000000000000", instanceUuid: true, CancellationToken.None);

        found.Should().Be(Sim.Vm1.Reference);
        missing.Should().BeNull();
    }

    [Fact]
    public async Task Watch_reports_changes_after_the_initial_state()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var spec = PropertyFilterSpec.ForObject(Sim.Vm0.Reference, "summary.quickStats.guestHeartbeatStatus");
        await using var updates = Sim.Client.Properties.WatchAsync(spec, timeout.Token).GetAsyncEnumerator(timeout.Token);
        (await updates.MoveNextAsync()).Should().BeTrue();
        updates.Current.Kind.Should().Be(ObjectUpdateKind.Enter);

        await Sim.Launcher.Failures.HeartbeatAsync(Sim.Vm0.Moref, "yellow", CancellationToken.None);

        while (await updates.MoveNextAsync())
        {
            if (updates.Current.Changes.Any(c => c.Value?.Value == "yellow"))
            {
                updates.Current.Kind.Should().Be(ObjectUpdateKind.Modify);
                return;
            }
        }

        throw new InvalidOperationException("The watch ended without reporting the heartbeat change.");
    }

    [Fact]
    public async Task Inventory_watch_starts_with_every_VM_then_reports_only_changes()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var batches = Sim.Client.Properties
            .WatchInventoryAsync("VirtualMachine", ["name", "guestHeartbeatStatus"], timeout.Token)
            .GetAsyncEnumerator(timeout.Token);
        (await batches.MoveNextAsync()).Should().BeTrue();
        var baseline = batches.Current;
        baseline.Baseline.Should().BeTrue();
        baseline.Complete.Should().BeTrue();
        baseline.Updates.Should().OnlyContain(u => u.Kind == ObjectUpdateKind.Enter);
        baseline.Updates.Select(u => u.ManagedObject).Should().Contain(Sim.Launcher.Ready.Vms.Select(v => v.Reference));
        baseline.Updates.Single(u => u.ManagedObject == Sim.Vm1.Reference).Changes.Select(c => c.Name)
            .Should().BeEquivalentTo("name", "guestHeartbeatStatus");

        await Sim.Launcher.Failures.HeartbeatAsync(Sim.Vm1.Moref, "red", CancellationToken.None);

        while (await batches.MoveNextAsync())
        {
            batches.Current.Baseline.Should().BeFalse();
            if (batches.Current.Updates.Count > 0)
            {
                var update = batches.Current.Updates.Should().ContainSingle().Subject;
                update.ManagedObject.Should().Be(Sim.Vm1.Reference);
                update.Kind.Should().Be(ObjectUpdateKind.Modify);
                update.Changes.Should().ContainSingle(c => c.Name == "guestHeartbeatStatus").Which.Value!.Value.Should().Be("red");
                return;
            }
        }

        throw new InvalidOperationException("The watch ended without reporting the heartbeat change.");
    }
}

/// <summary>A launcher whose sessions expire after 3 s without a call.</summary>
public sealed class IdleTimeoutVcsimFixture() : VcsimFixture("--disk-size", "1MiB", "--session-idle-timeout", "3s");

public sealed class KeepAliveTests(IdleTimeoutVcsimFixture fixture) : SimulatorTest<IdleTimeoutVcsimFixture>(fixture)
{
    [Fact]
    public async Task Keep_alive_holds_an_idle_session_past_the_server_idle_timeout()
    {
        await using var client = await VimClient.ConnectAsync(
            Sim.Launcher.Options() with { KeepAliveInterval = TimeSpan.FromSeconds(1) }, null, null, CancellationToken.None);
        var logins = await Sim.Launcher.Control.CallCountAsync("Login");

        await Task.Delay(TimeSpan.FromSeconds(5));
        await client.GetCurrentTimeAsync(CancellationToken.None);

        (await Sim.Launcher.Control.CallCountAsync("CurrentTime")).Should().BeGreaterThan(1, "keep-alive calls were made while idle");
        (await Sim.Launcher.Control.CallCountAsync("Login")).Should().Be(logins, "the session never expired");
    }
}
