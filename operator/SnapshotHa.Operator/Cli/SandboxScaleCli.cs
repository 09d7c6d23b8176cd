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
/// figures as JSON and exits. Only this mode accepts more than 16 VMs and 8 hosts.
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
            new Option<int?>("--workers") { Description = "Scale benchmark: reconcile workers per controller (default: the operator's default)" });
        sandbox.Options.Add(options.Report);
        sandbox.Options.Add(options.CycleInterval);
        sandbox.Options.Add(options.Window);
        sandbox.Options.Add(options.Workers);
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
        try
        {
            settings = new ScaleSettings
            {
                Vms = vms is >= 1 and <= 5000 ? vms : throw new FormatException("--vms must be 1..5000 with --scale-report"),
                Hosts = hosts is >= 1 and <= 64 ? hosts : throw new FormatException("--hosts must be 1..64 with --scale-report"),
                CycleInterval = DurationText.Parse(parseResult.GetValue(options.CycleInterval) ?? "60s", "--cycle-interval"),
                Window = DurationText.Parse(parseResult.GetValue(options.Window) ?? "60s", "--window"),
                Workers = parseResult.GetValue(options.Workers) is { } w
                    ? w is >= 1 and <= 256 ? w : throw new FormatException("--workers must be 1..256")
                    : null,
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
                    IdleRequeue = TimeSpan.FromSeconds(30),
                    Workers = settings.Workers,
                },
                null,
                cancellationToken);
            await environment.StartOperatorAsync(null, cancellationToken);
            Console.WriteLine($"scale: {settings.Vms} VMs on {settings.Hosts} hosts; operator metrics at http://127.0.0.1:{port}/metrics");
            using var http = new HttpClient();
            var probe = new ScaleProbe(environment, new Uri($"http://127.0.0.1:{port}/metrics"), http, TimeProvider.System);
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
