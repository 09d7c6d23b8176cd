using SnapshotHa.Sandbox.Simulator;
using SnapshotHa.Vim;

namespace SnapshotHa.Operator.Tests.Controllers;

/// <summary>The simulator's vCenter model (TLS, 1 MiB disks) and one session to it, for tests of vim25 reads.</summary>
/// <param name="Simulator">The simulator process.</param>
/// <param name="Vim">A session to it.</param>
internal sealed record VpxSimulatorSession(SimulatorProcess Simulator, VimClient Vim) : IAsyncDisposable
{
    /// <summary>Gets the simulator's VMs.</summary>
    public IReadOnlyList<ManagedObjectReference> Vms =>
        [.. Simulator.Ready.Vms.Select(v => new ManagedObjectReference("VirtualMachine", v.Moref))];

    /// <summary>Starts the simulator with <paramref name="hosts"/> hosts and <paramref name="vms"/> VMs and logs in.</summary>
    public static async Task<VpxSimulatorSession> StartAsync(int hosts, int vms, CancellationToken cancellationToken)
    {
        var root = SimulatorProcess.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException($"No repository root above {AppContext.BaseDirectory}");
        var simulator = await SimulatorProcess.StartAsync(
            root, ["--model", "vpx", "--hosts", $"{hosts}", "--vms", $"{vms}", "--tls", "--disk-size", "1MiB"], cancellationToken);
        try
        {
            var ready = simulator.Ready;
            var vim = await VimClient.ConnectAsync(
                new VimConnectionOptions { Url = new Uri(ready.SdkUrl), Username = ready.Username, Password = ready.Password, Thumbprint = ready.Thumbprint },
                null,
                null,
                cancellationToken);
            return new VpxSimulatorSession(simulator, vim);
        }
        catch
        {
            await simulator.DisposeAsync();
            throw;
        }
    }

    /// <summary>Counts the simulator's answered calls of one vim25 method.</summary>
    public async Task<int> CallsAsync(string method, CancellationToken cancellationToken) =>
        (await Simulator.Control.StatsAsync(cancellationToken))["calls"]![method]?.GetValue<int>() ?? 0;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Vim.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
