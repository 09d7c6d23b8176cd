using System.CommandLine;
using SnapshotHa.Sandbox.ApiServer;

namespace SnapshotHa.Operator.Cli;

/// <summary>
/// <c>snapshotha sandbox</c>: the system on one machine — the in-process Kubernetes API server, the ESXi simulator with
/// a guest-write workload, and the operator protecting every simulated VM; <c>--api-only</c> starts just the API server.
/// </summary>
public static class SandboxCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var apiOnly = new Option<bool>("--api-only") { Description = "Start only the in-process Kubernetes API server with the SnapshotHA CRDs installed" };
        var kubeconfig = new Option<string>("--kubeconfig") { Description = "Where to write a kubeconfig for the server" };
        var crds = new Option<string?>("--crds") { Description = "Directory of CRD YAML files (default: the repository's crds/)" };
        var port = new Option<int>("--port") { Description = "Loopback port to listen on (default: any free port)" };
        var duration = new Option<string?>("--for") { Description = "Stop by itself after this long, e.g. 90s or 5m (default: until Ctrl-C)" };
        var metricsPort = new Option<int?>("--metrics-port") { Description = "Loopback port of the operator's /metrics, /healthz and /readyz (default: any free port)" };
        var vms = new Option<int>("--vms") { Description = "Number of simulated, protected VMs (default 2)", DefaultValueFactory = _ => 2 };
        var executor = new Option<string>("--executor")
        {
            Description = "Where merges run: Job (a Job per image, run as a local process by the sandbox's Job runner) or InProcess (default Job)",
            DefaultValueFactory = _ => nameof(Api.Policies.MergeExecutor.Job),
        };
        var disksPerVm = new Option<int>("--disks-per-vm") { Description = "Virtual disks per simulated VM, 1..8 (default 2)", DefaultValueFactory = _ => 2 };
        var command = new Command("sandbox", "Run SnapshotHA on one machine against an in-process Kubernetes API server (a stand-in, not a cluster)");
        command.Options.Add(apiOnly);
        command.Options.Add(kubeconfig);
        command.Options.Add(crds);
        command.Options.Add(port);
        command.Options.Add(duration);
        command.Options.Add(vms);
        command.Options.Add(executor);
        command.Options.Add(disksPerVm);
        command.Options.Add(metricsPort);
        var hosts = SandboxFailoverCli.AddTo(command);
        var scale = SandboxScaleCli.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            if (parseResult.GetValue(scale.Report) is not null)
            {
                return await SandboxScaleCli.RunAsync(parseResult, scale, parseResult.GetValue(vms), parseResult.GetValue(hosts), error, cancellationToken);
            }

            if (!parseResult.GetValue(apiOnly))
            {
                if (!Enum.TryParse<Api.Policies.MergeExecutor>(parseResult.GetValue(executor), ignoreCase: true, out var mergeExecutor)
                    || !Enum.IsDefined(mergeExecutor))
                {
                    await error.WriteLineAsync($"snapshotha sandbox: --executor must be Job or InProcess, not '{parseResult.GetValue(executor)}'");
                    return 2;
                }

                var request = new SandboxRunRequest(
                    parseResult.GetValue(kubeconfig) ?? "sandbox.kubeconfig",
                    parseResult.GetValue(duration),
                    parseResult.GetValue(vms),
                    parseResult.GetValue(disksPerVm),
                    mergeExecutor,
                    parseResult.GetValue(metricsPort),
                    parseResult.GetValue(hosts));
                return await SandboxRun.RunAsync(request, parseResult.InvocationConfiguration.Error, cancellationToken);
            }

            var kubeconfigPath = parseResult.GetValue(kubeconfig);
            if (string.IsNullOrEmpty(kubeconfigPath))
            {
                await error.WriteLineAsync("snapshotha sandbox: --kubeconfig PATH is required with --api-only");
                return 2;
            }

            var crdDirectory = parseResult.GetValue(crds)
                ?? CrdFiles.FindRepositoryCrds(AppContext.BaseDirectory)
                ?? CrdFiles.FindRepositoryCrds(Environment.CurrentDirectory);
            if (crdDirectory is null)
            {
                await error.WriteLineAsync("snapshotha sandbox: no crds/ directory found next to the repository root; pass --crds DIR");
                return 2;
            }

            try
            {
                var definitions = await CrdFiles.LoadAsync(crdDirectory, cancellationToken);
                await using var server = await KubeApiServer.StartAsync(
                    new KubeApiServerOptions { CustomResourceDefinitions = definitions, Port = parseResult.GetValue(port) },
                    cancellationToken);
                await server.WriteKubeconfigAsync(kubeconfigPath, cancellationToken);
                await output.WriteLineAsync($"sandbox API server ready at {server.BaseAddress.ToString().TrimEnd('/')}; kubeconfig written to {Path.GetFullPath(kubeconfigPath)}");
                await output.FlushAsync(cancellationToken);
                await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
                return 0;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException)
            {
                await error.WriteLineAsync($"snapshotha sandbox: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
