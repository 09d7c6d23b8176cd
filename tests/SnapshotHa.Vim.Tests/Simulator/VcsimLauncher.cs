using SnapshotHa.Sandbox.Simulator;

namespace SnapshotHa.Vim.Tests.Simulator;

/// <summary>
/// The ESXi simulator launcher of tests/vcsim (built and started by <see cref="SimulatorProcess"/>) with what the vim25
/// client tests need on top: the test control client, connection options and a connected client.
/// A missing Go toolchain or govmomi makes the build, and so the test, fail.
/// </summary>
public sealed class VcsimLauncher : IAsyncDisposable
{
    private readonly SimulatorProcess _process;

    private VcsimLauncher(SimulatorProcess process)
    {
        _process = process;
        Control = new SimulatorControl(new Uri(process.Ready.ControlUrl), process.Ready.Thumbprint);
    }

    public SimulatorReady Ready => _process.Ready;

    public SimulatorControl Control { get; }

    /// <summary>The product's control client: host and VM failures, guest heartbeats.</summary>
    public SimulatorControlClient Failures => _process.Control;

    public string StandardError => _process.StandardError;

    /// <summary>Starts a launcher with extra flags, e.g. <c>--tls</c>, <c>--disk-size 4MiB</c>.</summary>
    public static async Task<VcsimLauncher> StartAsync(params string[] flags) =>
        new(await SimulatorProcess.StartAsync(RepositoryRoot.Find(), flags, CancellationToken.None));

    /// <summary>Connection options for the launcher's credentials (thumbprint pinned when TLS is on).</summary>
    public VimConnectionOptions Options(string? password = null) => new()
    {
        Url = new Uri(Ready.SdkUrl),
        Username = Ready.Username,
        Password = password ?? Ready.Password,
        Thumbprint = Ready.Thumbprint,
        Timeout = TimeSpan.FromSeconds(20),
        TaskTimeout = TimeSpan.FromSeconds(60),
        RetryDelay = TimeSpan.FromMilliseconds(20),
        UpdateWaitTime = TimeSpan.FromSeconds(2),
        DatacenterPath = Ready.DatacenterPath,
    };

    public Task<VimClient> ConnectAsync() => VimClient.ConnectAsync(Options(), null, null, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        await _process.DisposeAsync();
    }
}
