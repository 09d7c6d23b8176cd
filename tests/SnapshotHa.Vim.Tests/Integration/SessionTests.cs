using SnapshotHa.Vim.Faults;
using SnapshotHa.Vim.Tests.Simulator;

namespace SnapshotHa.Vim.Tests.Integration;

public sealed class SessionTests(VcsimFixture sim) : IClassFixture<VcsimFixture>, IAsyncLifetime
{
    public async Task InitializeAsync() => await sim.Launcher.Control.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void Connect_reads_service_content_and_logs_in()
    {
        sim.Client.ServiceContent.About.ApiType.Should().Be("HostAgent");
        sim.Client.ServiceContent.About.IsHostAgent.Should().BeTrue();
        sim.Client.ServiceContent.PropertyCollector.Type.Should().Be("PropertyCollector");
        sim.Client.CurrentSession!.UserName.Should().Be(sim.Launcher.Ready.Username);
    }

    [Fact]
    public async Task Current_time_answers()
    {
        var time = await sim.Client.GetCurrentTimeAsync(CancellationToken.None);
        time.Year.Should().BeGreaterThan(2000);
    }

    [Fact]
    public async Task Wrong_password_throws_InvalidLogin()
    {
        var act = () => VimClient.ConnectAsync(sim.Launcher.Options("not-the-password"), null, null, CancellationToken.None);
        var error = await act.Should().ThrowAsync<InvalidLoginException>();
        error.Which.FaultType.Should().Be("InvalidLogin");
        error.Which.Message.Should().NotContain("not-the-password");
    }

    [Fact]
    public async Task Terminated_session_is_renewed_for_a_property_read_with_missingSet_NotAuthenticated()
    {
        await using var client = await sim.Launcher.ConnectAsync();
        var loginsBefore = await sim.Launcher.Control.CallCountAsync("Login");
        await sim.Launcher.Control.AddFaultAsync(new { kind = "terminateSession", method = "RetrievePropertiesEx", afterCalls = 1 });
        await client.VirtualMachines.GetFactsAsync(sim.Vm0.Reference, CancellationToken.None);

        var facts = await client.VirtualMachines.GetFactsAsync(sim.Vm0.Reference, CancellationToken.None);

        facts.Name.Should().Be(sim.Vm0.Name);
        (await sim.Launcher.Control.CallCountAsync("Login")).Should().Be(loginsBefore + 1);
    }

    [Fact]
    public async Task Terminated_session_is_renewed_for_a_method_with_a_NotAuthenticated_fault()
    {
        await using var client = await sim.Launcher.ConnectAsync();
        var loginsBefore = await sim.Launcher.Control.CallCountAsync("Login");
        await sim.Launcher.Control.AddFaultAsync(new { kind = "terminateSession", method = "CurrentTime", afterCalls = 1 });
        await client.GetCurrentTimeAsync(CancellationToken.None);

        var time = await client.GetCurrentTimeAsync(CancellationToken.None);

        time.Year.Should().BeGreaterThan(2000);
        (await sim.Launcher.Control.CallCountAsync("Login")).Should().Be(loginsBefore + 1);
    }

    [Fact]
    public async Task Logged_out_client_does_not_log_in_again()
    {
        var client = await sim.Launcher.ConnectAsync();
        await client.LogoutAsync(CancellationToken.None);

        var act = () => client.GetCurrentTimeAsync(CancellationToken.None);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*logged out*");
        await client.DisposeAsync();
    }
}
