using System.CommandLine;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SnapshotHa.Kube.Hosting;
using SnapshotHa.Operator.Hosting;
using SnapshotHa.Operator.Text;

namespace SnapshotHa.Operator.Cli;

/// <summary>
/// <c>snapshotha operator</c>: the production entry point, running the controllers against a cluster. Honours the
/// Helm chart's environment (<see cref="OperatorEnvironment"/>); options given on the command line win.
/// </summary>
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
            Description = "URL of the /healthz, /readyz and /metrics endpoints (default: http://0.0.0.0:$ASPNETCORE_HTTP_PORTS when set)",
            DefaultValueFactory = _ => "http://0.0.0.0:8081",
        };
        var leaderElect = new Option<bool>("--leader-elect") { Description = "Run controllers only while holding the Lease (for 2 replicas; default: $SNAPSHOTHA_LEADER_ELECTION)" };
        var watchNamespace = new Option<string?>("--namespace") { Description = "Watch only this namespace (default: $SNAPSHOTHA_WATCH_NAMESPACE, else all)" };
        var retryDelay = new Option<string>("--retry-delay")
        {
            Description = "Wait before a failed protection cycle step is tried again, e.g. 5s or 500ms",
            DefaultValueFactory = _ => "5s",
        };
        var command = new Command("operator", "Run the SnapshotHA operator: VSphereEndpoint, SnapshotPolicy, ProtectedVM and RecoveryImage controllers");
        foreach (var option in new Option[] { kubeconfig, repositoryRoot, prunedImagesKept, listen, leaderElect, watchNamespace, retryDelay })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            OperatorEnvironment environment;
            TimeSpan retry;
            try
            {
                environment = OperatorEnvironment.Read(Environment.GetEnvironmentVariable);
                retry = DurationText.Parse(parse.GetValue(retryDelay)!, "--retry-delay");
                if (retry <= TimeSpan.Zero)
                {
                    throw new FormatException("--retry-delay must be positive");
                }
            }
            catch (FormatException e)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"snapshotha operator: {e.Message}");
                return 2;
            }

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

            bool Given(Option option) => parse.GetResult(option) is { Implicit: false };
            using var kubernetes = new Kubernetes(configuration);
            var options = new ProtectionOptions { RepositoryRoot = parse.GetValue(repositoryRoot)!, PrunedImagesKept = parse.GetValue(prunedImagesKept), RetryDelay = retry };
            await using var app = OperatorHost.Build(
                kubernetes,
                options,
                Given(listen) ? parse.GetValue(listen) : environment.HealthListenUrl ?? parse.GetValue(listen),
                services => services.AddLogging(l => l.AddSimpleConsole(c => c.SingleLine = true)),
                settings =>
                {
                    environment.ApplyTo(settings);
                    if (Given(watchNamespace))
                    {
                        settings.Namespace = parse.GetValue(watchNamespace);
                    }

                    if (Given(leaderElect))
                    {
                        settings.LeaderElectionType = parse.GetValue(leaderElect) ? LeaderElectionType.Single : LeaderElectionType.None;
                    }
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
