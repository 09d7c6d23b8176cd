using System.CommandLine;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SnapshotHa.Kube.Hosting;
using SnapshotHa.Operator.Hosting;

namespace SnapshotHa.Operator.Cli;

/// <summary><c>snapshotha operator</c>: the production entry point, running the controllers against a cluster.</summary>
public static class OperatorCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Kubeconfig file (default: in-cluster service account, else $KUBECONFIG or ~/.kube/config)" };
        var repositoryRoot = new Option<string>("--repository-root")
        {
            Description = "Directory holding the repository volumes as <claimName>/<subPath>",
            DefaultValueFactory = _ => new ProtectionOptions().RepositoryRoot,
        };
        var prunedImagesKept = new Option<int>("--pruned-images-kept")
        {
            Description = "Pruned RecoveryImage objects kept per ProtectedVM for audit; older ones are deleted",
            DefaultValueFactory = _ => new ProtectionOptions().PrunedImagesKept,
        };
        prunedImagesKept.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError("--pruned-images-kept must be 0 or more");
            }
        });
        var listen = new Option<string>("--health-listen")
        {
            Description = "URL of the /healthz, /readyz and /metrics endpoints",
            DefaultValueFactory = _ => "http://0.0.0.0:8081",
        };
        var leaderElect = new Option<bool>("--leader-elect") { Description = "Run controllers only while holding the Lease (for 2 replicas)" };
        var watchNamespace = new Option<string?>("--namespace") { Description = "Watch only this namespace (default: all)" };
        var command = new Command("operator", "Run the SnapshotHA operator: VSphereEndpoint, SnapshotPolicy, ProtectedVM and RecoveryImage controllers");
        foreach (var option in new Option[] { kubeconfig, repositoryRoot, prunedImagesKept, listen, leaderElect, watchNamespace })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            KubernetesClientConfiguration configuration;
            try
            {
                var path = parse.GetValue(kubeconfig);
                configuration = path is not null
                    ? KubernetesClientConfiguration.BuildConfigFromConfigFile(path)
                    : KubernetesClientConfiguration.BuildDefaultConfig();
            }
            catch (Exception e) when (e is IOException or k8s.Exceptions.KubeConfigException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"snapshotha operator: cannot load the Kubernetes configuration: {e.Message}");
                return 2;
            }

            using var kubernetes = new Kubernetes(configuration);
            var options = new ProtectionOptions { RepositoryRoot = parse.GetValue(repositoryRoot)!, PrunedImagesKept = parse.GetValue(prunedImagesKept) };
            await using var app = OperatorHost.Build(
                kubernetes,
                options,
                parse.GetValue(listen),
                services => services.AddLogging(l => l.AddSimpleConsole(c => c.SingleLine = true)),
                settings =>
                {
                    settings.Namespace = parse.GetValue(watchNamespace);
                    settings.LeaderElectionType = parse.GetValue(leaderElect) ? LeaderElectionType.Single : LeaderElectionType.None;
                });
            await app.StartAsync(cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await app.StopAsync(stop.Token);
            return 0;
        });
        return command;
    }
}
