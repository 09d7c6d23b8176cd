using System.Collections.Concurrent;
using k8s;
using SnapshotHa.Api.Protection;
using SnapshotHa.Operator.SandboxRuntime;
using SnapshotHa.Sandbox.Simulator;
using SnapshotHa.Vim;

namespace SnapshotHa.Operator.Tests.EndToEnd;

/// <summary>Starts a sandbox (API server, simulator with 4 MiB disks, one per VM unless asked, workload with content tracking) per test.</summary>
public static class SandboxFixture
{
    public static async Task<(SandboxEnvironment Environment, DirectoryInfo Data)> StartAsync(
        int vms, TimeSpan cycleInterval, int keepLast, CancellationToken cancellationToken, int prunedImagesKept = 10,
        Api.Policies.MergeExecutor executor = Api.Policies.MergeExecutor.InProcess, int disksPerVm = 1, TimeSpan? idleRequeue = null)
    {
        var root = SimulatorProcess.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException($"No repository root above {AppContext.BaseDirectory}");
        var data = Directory.CreateTempSubdirectory("snapshotha-e2e-");
        var options = new SandboxOptions
        {
            RepositoryRoot = root,
            DataDirectory = data.FullName,
            Vms = vms,
            DisksPerVm = disksPerVm,
            DiskSize = "4MiB",
            CycleInterval = cycleInterval,
            WriteInterval = TimeSpan.FromMilliseconds(40),
            MaxWriteBytes = 16 * 1024,
            TrackContent = true,
            KeepLast = keepLast,
            PrunedImagesKept = prunedImagesKept,
            Seed = 7,
            Executor = executor,
        };
        var environment = await SandboxEnvironment.StartAsync(
            idleRequeue is { } requeue ? options with { IdleRequeue = requeue } : options, null, cancellationToken);
        return (environment, data);
    }

    /// <summary>Waits until every ProtectedVM committed image <paramref name="sequence"/>; the timeout names their statuses.</summary>
    public static async Task WaitForImagesAsync(SandboxEnvironment environment, long sequence, TimeSpan timeout)
    {
        try
        {
            await WaitUntilAsync(
                async () => (await environment.Client.ListAsync<ProtectedVM>("default")).All(p => p.Status?.LatestCommittedImage?.Sequence >= sequence),
                timeout,
                $"every ProtectedVM committed image #{sequence}");
        }
        catch (TimeoutException e)
        {
            var statuses = (await environment.Client.ListAsync<ProtectedVM>("default")).Select(p => $"{p.Metadata.Name}: {KubernetesJson.Serialize(p.Status)}");
            throw new TimeoutException($"{e.Message}; {string.Join("; ", statuses)}", e);
        }
    }

    /// <summary>
    /// Stops the guest workload and lets every cycle in flight finish (<see cref="PauseAllAsync"/>), so that a test can
    /// stop the operator and check the end state without catching a cycle between two of its writes.
    /// </summary>
    public static async Task QuiesceAsync(SandboxEnvironment environment, CancellationToken cancellationToken)
    {
        await environment.Workload.StopAsync();
        await PauseAllAsync(environment, cancellationToken);
    }

    /// <summary>Pauses every ProtectedVM and waits until each finished its cycle (phase Paused, no cycle).</summary>
    public static async Task PauseAllAsync(SandboxEnvironment environment, CancellationToken cancellationToken)
    {
        foreach (var pvm in await environment.Client.ListAsync<ProtectedVM>("default", cancellationToken: cancellationToken))
        {
            var patch = new k8s.Models.V1Patch("{\"spec\":{\"paused\":true}}", k8s.Models.V1Patch.PatchType.MergePatch);
            await environment.Kubernetes.CustomObjects.PatchNamespacedCustomObjectAsync(
                patch, Api.Common.ApiGroup.Group, Api.Common.ApiGroup.Version, "default", "protectedvms", pvm.Metadata.Name, cancellationToken: cancellationToken);
        }

        await WaitUntilAsync(
            async () => (await environment.Client.ListAsync<ProtectedVM>("default")).All(p => p.Status?.Phase == ProtectedVMPhase.Paused && p.Status.Cycle is null),
            TimeSpan.FromSeconds(30),
            "every ProtectedVM is Paused with no cycle in progress");
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, int pollMilliseconds = 200)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            try
            {
                await Task.Delay(pollMilliseconds, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds} s waiting until {what}");
            }
        }
    }

    /// <summary>Opens a vim25 session of its own to the sandbox's simulator.</summary>
    public static Task<VimClient> ConnectAsync(SandboxEnvironment environment, CancellationToken cancellationToken)
    {
        var ready = environment.Simulator.Ready;
        return VimClient.ConnectAsync(
            new VimConnectionOptions { Url = new Uri(ready.SdkUrl), Username = ready.Username, Password = ready.Password, Thumbprint = ready.Thumbprint },
            null,
            null,
            cancellationToken);
    }

    /// <summary>Records the disk content the workload saw at each snapshot, by snapshot name (a retaken snapshot replaces it).</summary>
    public static ConcurrentDictionary<string, IReadOnlyDictionary<int, byte[]>> RecordSnapshots(SandboxEnvironment environment)
    {
        var expected = new ConcurrentDictionary<string, IReadOnlyDictionary<int, byte[]>>(StringComparer.Ordinal);
        environment.Workload.SnapshotTaken += (_, e) => expected[e.SnapshotName] = e.Disks!;
        return expected;
    }

    /// <summary>Starts the workload and the operator, protects every VM and waits until image <paramref name="image"/> is committed.</summary>
    public static async Task ProtectUntilImageAsync(
        SandboxEnvironment environment, long image, CancellationToken cancellationToken, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureOperator = null)
    {
        environment.Workload.Start();
        await environment.StartOperatorAsync(configureOperator, cancellationToken);
        await environment.ProtectAllAsync(cancellationToken);
        await WaitForImagesAsync(environment, image, TimeSpan.FromSeconds(40));
    }
}
