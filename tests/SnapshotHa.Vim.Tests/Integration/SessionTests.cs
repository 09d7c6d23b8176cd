using SnapshotHa.Vim.Faults;
using SnapshotHa.Vim.Tests.Simulator;

namespace SnapshotHa.Vim.Tests.Integration;

public sealed class SessionTests(VcsimFixture fixture) : SimulatorTest<VcsimFixture>(fixture)
{
    [Fact]
    public void Connect_reads_service_content_and_logs_in()
    {
        Sim.Client.ServiceContent.About.ApiType.Should().Be("HostAgent");
        Sim.Client.ServiceContent.About.IsHostAgent.Should().BeTrue();
        Sim.Client.ServiceContent.PropertyCollector.Type.Should().Be("PropertyCollector");
        Sim.Client.CurrentSession!.UserName.Should().Be(Sim.Launcher.Ready.Username);
    }

    [Fact]
    public async Task Factory_connects_a_client_behind_the_interface()
    {
        IVimClientFactory factory = new VimClientFactory(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, TimeProvider.System);

        await using var client = await factory.ConnectAsync(Sim.Launcher.Options(), CancellationToken.None);

        (await client.VirtualMachines.GetFactsAsync(Sim.Vm0.Reference, CancellationToken.None)).Name.Should().Be(Sim.Vm0.Name);
        (await client.Hosts.ListAsync(CancellationToken.None)).Should().NotBeEmpty();
    }

    [Fact]
    public async Task Current_time_answers()
    {
        var time = await Sim.Client.GetCurrentTimeAsync(CancellationToken.None);
        time.Year.Should().BeGreaterThan(2000);
    }

    [Fact]
    public async Task Wrong_password_throws_InvalidLogin()
    {
        var act = () => VimClient.ConnectAsync(Sim.Launcher.Options("not-the-password"), null, null, CancellationToken.None);
        var error = await act.Should().ThrowAsync<InvalidLoginException>();
        error.Which.FaultType.Should().Be("InvalidLogin");
        error.Which.Message.Should().NotContain("not-the-password");
    }

    [Fact]
    public async Task Terminated_session_is_renewed_for_a_property_read_with_missingSet_NotAuthenticated()
    {
        await using var client = await Sim.Launcher.ConnectAsync();
        var loginsBefore = await Sim.Launcher.Control.CallCountAsync("Login");
        await Sim.Launcher.Control.AddFaultAsync(new { kind = "terminateSession", method = "RetrievePropertiesEx", afterCalls = 1 });
        await client.VirtualMachines.GetFactsAsync(Sim.Vm0.Reference, CancellationToken.None);

        var facts = await client.VirtualMachines.GetFactsAsync(Sim.Vm0.Reference, CancellationToken.None);

        facts.Name.Should().Be(Sim.Vm0.Name);
        (await Sim.Launcher.Control.CallCountAsync("Login")).Should().Be(loginsBefore + 1);
    }

    [Fact]
    public async Task Terminated_session_is_renewed_for_a_method_with_a_NotAuthenticated_fault()
    {
        await using var client = await Sim.Launcher.ConnectAsync();
        var loginsBefore = await Sim.Launcher.Control.CallCountAsync("Login");
        await Sim.Launcher.Control.AddFaultAsync(new { kind = "terminateSession", method = "CurrentTime", afterCalls = 1 });
        await client.GetCurrentTimeAsync(CancellationToken.None);

        var time = await client.GetCurrentTimeAsync(CancellationToken.None);

        time.Year.Should().BeGreaterThan(2000);
        (await Sim.Launcher.Control.CallCountAsync("Login")).Should().Be(loginsBefore + 1);
    }

    [Theory]
    [InlineData("CreateContainerView")]
    [InlineData("RetrievePropertiesEx")]
    public async Task A_session_dropped_during_an_inventory_listing_is_renewed_and_the_listing_completes(string droppedAfter)
    {
        await using var client = await Sim.Launcher.ConnectAsync();
        var expected = await client.Hosts.ListAsync(CancellationToken.None);
        await Sim.Launcher.Control.AddFaultAsync(new { kind = "terminateSession", method = droppedAfter, afterCalls = 1 });

        // After CreateContainerView the view dies with the session before it is read; after the retrieval, before it
        // is destroyed.
        var hosts = await client.Hosts.ListAsync(CancellationToken.None);

        hosts.Select(h => h.Host.Value).Should().Equal(expected.Select(h => h.Host.Value));
        client.SessionRenewals.Should().Be(1);
    }

    [Fact]
    public async Task Logged_out_client_does_not_log_in_again()
    {
        var client = await Sim.Launcher.ConnectAsync();
        await client.LogoutAsync(CancellationToken.None);

        var act = () => client.GetCurrentTimeAsync(CancellationToken.None);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*logged out*");
        await client.DisposeAsync();
    }
}
