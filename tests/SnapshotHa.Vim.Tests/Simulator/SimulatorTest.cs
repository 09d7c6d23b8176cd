namespace SnapshotHa.Vim.Tests.Simulator;

/// <summary>Base of tests against a shared launcher: every test starts without fault rules, failures or call counts.</summary>
public abstract class SimulatorTest<TFixture>(TFixture sim) : IClassFixture<TFixture>, IAsyncLifetime
    where TFixture : VcsimFixture
{
    protected TFixture Sim => sim;

    public async Task InitializeAsync() => await sim.Launcher.Control.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
