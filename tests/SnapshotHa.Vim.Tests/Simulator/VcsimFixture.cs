using SnapshotHa.Sandbox.Simulator;

namespace SnapshotHa.Vim.Tests.Simulator;

/// <summary>One launcher (4 MiB disks, plain HTTP unless a subclass adds flags) and one connected client per test class.</summary>
public class VcsimFixture : IAsyncLifetime
{
    private readonly string[] _flags;

    public VcsimFixture()
        : this("--disk-size", "4MiB")
    {
    }

    protected VcsimFixture(params string[] flags)
    {
        _flags = flags;
    }

    public VcsimLauncher Launcher { get; private set; } = null!;

    public VimClient Client { get; private set; } = null!;

    public SimulatorVm Vm0 => Launcher.Ready.Vms[0];

    public SimulatorVm Vm1 => Launcher.Ready.Vms[1];

    public async Task InitializeAsync()
    {
        Launcher = await VcsimLauncher.StartAsync(_flags);
        Client = await Launcher.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await Launcher.DisposeAsync();
    }
}
