using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using SnapshotHa.Operator.SandboxRuntime;
using SnapshotHa.Operator.SandboxRuntime.Scale;
using SnapshotHa.Operator.Text;
using SnapshotHa.Sandbox.Simulator;

namespace SnapshotHa.Operator.Cli;

/// <summary>
/// The scale mode of <c>snapshotha sandbox</c>: with <c>--scale-report FILE</c> the sandbox runs the scale benchmark
/// (vCenter model, 1 MiB disks, merges in process, guest workload off) instead of the interactive sandbox, writes the
/// figures as JSON and exits. The operator runs as its own <c>snapshotha operator</c> process (its log next to the
/// report), so that its CPU and memory are measured apart from the API server; <c>--in-process</c> runs it inside.
/// Only this mode accepts more than 16 VMs and 8 hosts.
/// </summary>
public static class SandboxScaleCli
{
    private static readonly JsonSerializerOptions ReportJson = new() { WriteIndented = true };

    /// <summary>Adds the scale options to the sandbox command.</summary>
    /// <param name="sandbox">The <c>sandbox</c> command.</param>
    /// <returns>The options.</returns>
    public static SandboxScaleOptions AddTo(Command sandbox)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var options = new SandboxScaleOptions(
            new Option<string?>("--scale-report") { Description = "Run the scale benchmark (up to 5000 VMs, 64 hosts) and write its figures as JSON to this file" },
            new Option<string>("--cycle-interval") { Description = "Scale benchmark: the policy's maxInterval (default 60s)", DefaultValueFactory = _ => "60s" },
            new Option<string>("--window") { Description = "Scale benchmark: length of the steady and of the idle window (default 60s)", DefaultValueFactory = _ => "60s" },
            new Option<int?>("--workers") { Description = "Scale benchmark: reconcile workers per controller (default: the operator's default; with --in-process only)" },
            new Option<bool>("--in-process") { Description = "Scale benchmark: run the operator inside the sandbox process (with the API server) instead of as its own process" });
        sandbox.Options.Add(options.Report);
        sandbox.Options.Add(options.CycleInterval);
        sandbox.Options.Add(options.Window);
        sandbox.Options.Add(options.Workers);
        sandbox.Options.Add(options.InProcess);
        return options;
    }

    /// <summary>Runs the scale benchmark.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="options">The scale options.</param>
    /// <param name="vms">The number of VMs.</param>
    /// <param name="hosts">The number of hosts.</param>
    /// <param name="error">Where usage errors go.</param>
    /// <param name="cancellationToken">Ctrl-C.</param>
    /// <returns>0 when every VM was Protected, 1 when not, 2 for bad options.</returns>
    public static async Task<int> RunAsync(
        ParseResult parseResult, SandboxScaleOptions options, int vms, int hosts, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(error);
        ScaleSettings settings;
        var inProcess = parseResult.GetValue(options.InProcess);
        try
        {
            settings = new ScaleSettings
            {
                Vms = vms is >= 1 and <= 5000 ? vms : throw new FormatException("--vms must be 1..5000 with --scale-report"),
                Hosts = hosts is >= 1 and <= 64 ? hosts : throw new FormatException("--hosts must be 1..64 with --scale-report"),
                CycleInterval = DurationText.Parse(parseResult.GetValue(options.CycleInterval) ?? "60s", "--cycle-interval"),
                Window = DurationText.Parse(parseResult.GetValue(options.Window) ?? "60s", "--window"),
                Workers = parseResult.GetValue(options.Workers) switch
                {
                    null => null,
                    _ when !inProcess => throw new FormatException("--workers needs --in-process (the operator process runs with its default)"),
                    >= 1 and <= 256 and var w => w,
                    _ => throw new FormatException("--workers must be 1..256"),
                },
            };
        }
        catch (FormatException e)
        {
            await error.WriteLineAsync($"snapshotha sandbox: {e.Message}");
            return 2;
        }

        var root = SimulatorProcess.FindRepositoryRoot(AppContext.BaseDirectory) ?? SimulatorProcess.FindRepositoryRoot(Environment.CurrentDirectory);
        if (root is null)
        {
            await error.WriteLineAsync("snapshotha sandbox: run it inside the SnapshotHA repository (it builds the simulator from tests/vcsim)");
            return 2;
        }

        var reportPath = parseResult.GetValue(options.Report)!;
        var data = Directory.CreateTempSubdirectory("snapshotha-scale-");
        try
        {
            var port = FreePort();
            await using var environment = await SandboxEnvironment.StartAsync(
                new SandboxOptions
                {
                    RepositoryRoot = root,
                    DataDirectory = data.FullName,
                    Vms = settings.Vms,
                    Hosts = settings.Hosts,
                    DisksPerVm = 1,
                    DiskSize = "1MiB",
                    CycleInterval = settings.CycleInterval,
                    KeepLast = 2,
                    PrunedImagesKept = 1,
                    Executor = Api.Policies.MergeExecutor.InProcess,
                    MetricsPort = port,
                    IdleRequeue = new Hosting.ProtectionOptions().IdleRequeue,
                    Workers = settings.Workers,
                },
                null,
                cancellationToken);
            using var http = new HttpClient();
            var metrics = new Uri($"http://127.0.0.1:{port}/metrics");
            await using var child = await StartOperatorAsync(environment, inProcess, reportPath, http, metrics, cancellationToken);
            Console.WriteLine($"scale: {settings.Vms} VMs on {settings.Hosts} hosts; operator {(child is null ? "in process" : $"process {child.Id} (log {child.LogPath})")}, metrics at {metrics}");
            var probe = new ScaleProbe(environment, metrics, http, child?.Id, TimeProvider.System);
            var report = await new ScaleBenchmark(environment, probe, settings, Console.Out, TimeProvider.System).RunAsync(cancellationToken);
            await File.WriteAllTextAsync(reportPath, JsonSerializer.Serialize(report, ReportJson), cancellationToken);
            Console.WriteLine($"scale: report written to {Path.GetFullPath(reportPath)}");
            return report.Protected == report.Vms ? 0 : 1;
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static async Task<ScaleOperatorProcess?> StartOperatorAsync(
        SandboxEnvironment environment, bool inProcess, string reportPath, HttpClient http, Uri metrics, CancellationToken cancellationToken)
    {
        if (inProcess)
        {
            await environment.StartOperatorAsync(null, cancellationToken);
            return null;
        }

        var kubeconfig = Path.Combine(environment.Options.DataDirectory, "kubeconfig");
        await environment.WriteKubeconfigAsync(kubeconfig, cancellationToken);
        var child = ScaleOperatorProcess.Start(kubeconfig, environment.Options.DataDirectory, metrics.Port, Path.GetFullPath(reportPath) + ".operator.log");
        try
        {
            await child.WaitUntilListeningAsync(http, metrics, cancellationToken);
            return child;
        }
        catch
        {
            await child.DisposeAsync();
            throw;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
