using SnapshotHa.Operator.SandboxRuntime;
using SnapshotHa.Operator.Text;
using SnapshotHa.Sandbox.Simulator;

namespace SnapshotHa.Operator.Cli;

/// <summary>The full <c>snapshotha sandbox</c>: starts everything, shows progress, stops cleanly on Ctrl-C or after <c>--for</c>.</summary>
public static class SandboxRun
{
    /// <summary>Runs the sandbox.</summary>
    /// <param name="request">The command-line options.</param>
    /// <param name="error">Where usage errors go.</param>
    /// <param name="cancellationToken">Ctrl-C.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(SandboxRunRequest request, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(error);
        var (kubeconfigPath, duration, vms, disksPerVm, executor, metricsPort, hosts) = request;
        TimeSpan? runFor = null;
        try
        {
            runFor = duration is null ? null : DurationText.Parse(duration, "--for");
        }
        catch (FormatException e)
        {
            await error.WriteLineAsync($"snapshotha sandbox: {e.Message}");
            return 2;
        }

        if (metricsPort is < 1 or > 65535)
        {
            await error.WriteLineAsync("snapshotha sandbox: --metrics-port must be 1..65535");
            return 2;
        }

        if (vms is < 1 or > 16)
        {
            await error.WriteLineAsync("snapshotha sandbox: --vms must be 1..16");
            return 2;
        }

        if (disksPerVm is < 1 or > 8)
        {
            await error.WriteLineAsync("snapshotha sandbox: --disks-per-vm must be 1..8");
            return 2;
        }

        if (hosts is < 1 or > 8)
        {
            await error.WriteLineAsync("snapshotha sandbox: --hosts must be 1..8");
            return 2;
        }

        var root = SimulatorProcess.FindRepositoryRoot(AppContext.BaseDirectory) ?? SimulatorProcess.FindRepositoryRoot(Environment.CurrentDirectory);
        if (root is null)
        {
            await error.WriteLineAsync("snapshotha sandbox: run it inside the SnapshotHA repository (it builds the simulator from tests/vcsim)");
            return 2;
        }

        var data = Directory.CreateTempSubdirectory("snapshotha-sandbox-");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (runFor is { } limit)
        {
            stop.CancelAfter(limit);
        }

        try
        {
            Console.WriteLine("snapshotha sandbox: starting the API server and the ESXi simulator (built on first use)…");
            await using var environment = await SandboxEnvironment.StartAsync(
                new SandboxOptions
                {
                    RepositoryRoot = root,
                    DataDirectory = data.FullName,
                    Vms = vms,
                    Hosts = hosts,
                    DisksPerVm = disksPerVm,
                    DiskSize = "64MiB",
                    CycleInterval = TimeSpan.FromSeconds(10),
                    Executor = executor,
                    MetricsPort = metricsPort,
                },
                null,
                stop.Token);
            await environment.WriteKubeconfigAsync(kubeconfigPath, stop.Token);
            await using var state = await SandboxFailoverCli.WriteStateAsync(environment, kubeconfigPath, stop.Token);
            environment.Workload.Start();
            await environment.StartOperatorAsync(null, stop.Token);
            await environment.ProtectAllAsync(stop.Token);
            Console.WriteLine($"snapshotha sandbox: API server at {environment.Server.BaseAddress}; kubeconfig written to {Path.GetFullPath(kubeconfigPath)}");
            if (metricsPort is { } port)
            {
                Console.WriteLine($"  metrics: http://127.0.0.1:{port}/metrics");
            }

            Console.WriteLine($"  try: kubectl --kubeconfig {Path.GetFullPath(kubeconfigPath)} get pvm,ri    (Ctrl-C stops the sandbox)");
            Console.WriteLine($"  merges run as {executor}{(environment.JobRunner is null ? "" : $"; Job logs in {Path.Combine(data.FullName, SandboxJobRunner.WorkFolder)}")}");
            var live = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");
            if (live)
            {
                var keys = new SandboxKeys(environment.Client, environment.Simulator.Control, TimeProvider.System);
                var reading = keys.RunAsync(stop.Token);
                await new SandboxProgress(environment.Client, Console.Out, TimeProvider.System)
                    .RunAsync(live, stop.Token, () => keys.LastAction is { } done ? $"{SandboxKeys.Legend}\nlast: {done}" : SandboxKeys.Legend);
                await reading;
            }
            else
            {
                await new SandboxProgress(environment.Client, Console.Out, TimeProvider.System).RunAsync(live, stop.Token);
            }

            Console.WriteLine("snapshotha sandbox: stopping");
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.WriteLine("snapshotha sandbox: stopped");
            return 0;
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
