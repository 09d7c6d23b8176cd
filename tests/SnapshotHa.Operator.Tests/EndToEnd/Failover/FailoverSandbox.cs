using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using SnapshotHa.Api.Failovers;
using SnapshotHa.Api.Images;
using SnapshotHa.Api.Policies;
using SnapshotHa.Api.Protection;
using SnapshotHa.Operator.SandboxRuntime;
using SnapshotHa.Sandbox.Simulator;

namespace SnapshotHa.Operator.Tests.EndToEnd.Failover;

/// <summary>A sandbox with several simulated hosts for failover tests, and the checks they share.</summary>
public sealed class FailoverSandbox : IAsyncDisposable
{
    private FailoverSandbox(SandboxEnvironment environment, DirectoryInfo data, ConcurrentDictionary<string, IReadOnlyDictionary<int, byte[]>> expected)
    {
        Environment = environment;
        Data = data;
        Expected = expected;
    }

    public SandboxEnvironment Environment { get; }

    public DirectoryInfo Data { get; }

    /// <summary>The disk content at each snapshot, by snapshot name.</summary>
    public ConcurrentDictionary<string, IReadOnlyDictionary<int, byte[]>> Expected { get; }

    public SimulatorVm Vm => Environment.Simulator.Ready.Vms[0];

    public string PvmName => SandboxResources.ProtectedVm(Vm, "default").Metadata.Name;

    /// <summary>Starts a sandbox with <paramref name="hosts"/> hosts and one VM, protects it and waits for image #<paramref name="image"/>.</summary>
    public static async Task<FailoverSandbox> StartAsync(
        int hosts, FailoverPolicySpec policy, long image, CancellationToken cancellationToken, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureOperator = null)
    {
        var root = SimulatorProcess.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException($"No repository root above {AppContext.BaseDirectory}");
        var data = Directory.CreateTempSubdirectory("snapshotha-failover-");
        var environment = await SandboxEnvironment.StartAsync(
            new SandboxOptions
            {
                RepositoryRoot = root,
                DataDirectory = data.FullName,
                Vms = 1,
                Hosts = hosts,
                DiskSize = "4MiB",
                CycleInterval = TimeSpan.FromSeconds(2),
                WriteInterval = TimeSpan.FromMilliseconds(40),
                MaxWriteBytes = 16 * 1024,
                TrackContent = true,
                KeepLast = 50,
                Seed = 11,
                Failover = policy,
            },
            null,
            cancellationToken);
        var sandbox = new FailoverSandbox(environment, data, SandboxFixture.RecordSnapshots(environment));
        await SandboxFixture.ProtectUntilImageAsync(environment, image, cancellationToken, configureOperator);
        return sandbox;
    }

    public async Task<ProtectedVM> PvmAsync() => (await Environment.Client.GetAsync<ProtectedVM>(PvmName, "default"))!;

    public async Task<Api.Failovers.Failover?> FailoverAsync(string name) => await Environment.Client.GetAsync<Api.Failovers.Failover>(name, "default");

    /// <summary>Waits until a Failover of the VM reaches <paramref name="phase"/>; the timeout names what exists.</summary>
    public Task<Api.Failovers.Failover> WaitForFailoverAsync(FailoverPhase phase, TimeSpan timeout) => WaitForFailoverAsync(null, phase, timeout);

    /// <summary>Waits until Failover <paramref name="name"/> (any when null) reaches <paramref name="phase"/>; the timeout names what exists.</summary>
    public async Task<Api.Failovers.Failover> WaitForFailoverAsync(string? name, FailoverPhase phase, TimeSpan timeout)
    {
        Api.Failovers.Failover? found = null;
        try
        {
            await SandboxFixture.WaitUntilAsync(
                async () =>
                {
                    found = (await Environment.Client.ListAsync<Api.Failovers.Failover>("default")).FirstOrDefault(f => f.Status?.Phase == phase && (name is null || f.Metadata.Name == name));
                    return found is not null;
                },
                timeout,
                $"a Failover reached {phase}");
        }
        catch (TimeoutException e)
        {
            var all = (await Environment.Client.ListAsync<Api.Failovers.Failover>("default")).Select(f => $"{f.Metadata.Name}: {k8s.KubernetesJson.Serialize(f.Status)}");
            var pvm = await PvmAsync();
            throw new TimeoutException($"{e.Message}; failovers: {string.Join("; ", all)}; pvm: {k8s.KubernetesJson.Serialize(pvm.Status)}", e);
        }

        return found!;
    }

    /// <summary>The simulator's VMs named like the protected VM that are powered on (the truth, not vCenter's view).</summary>
    public async Task<IReadOnlyList<JsonNode>> RunningCopiesAsync(CancellationToken cancellationToken) =>
        [.. (await CopiesAsync(cancellationToken)).Where(v => v["powerState"]?.GetValue<string>() == "poweredOn")];

    /// <summary>The simulator's VMs named like the protected VM, in any power state.</summary>
    public async Task<IReadOnlyList<JsonNode>> CopiesAsync(CancellationToken cancellationToken)
    {
        var vms = (await Environment.Simulator.Control.VmsAsync(cancellationToken))["vms"]!.AsArray();
        return [.. vms.Where(v => v!["name"]!.GetValue<string>() == Vm.Name).Select(v => v!)];
    }

    /// <summary>Returns mismatches between the recovered VM's disks (read through the simulator) and the restored image's snapshot content.</summary>
    public async Task<IReadOnlyList<string>> CompareRecoveredDisksAsync(Api.Failovers.Failover failover, CancellationToken cancellationToken)
    {
        var image = (await Environment.Client.GetAsync<RecoveryImage>(failover.Status!.Image!.Name, "default", cancellationToken))!;
        if (!Expected.TryGetValue(image.Spec.SourceSnapshot.Name, out var disks))
        {
            return [$"no content recorded for snapshot {image.Spec.SourceSnapshot.Name}"];
        }

        var problems = new List<string>();
        foreach (var (key, content) in disks)
        {
            var actual = await Environment.Simulator.Control.ReadAsync(failover.Status.RecoveredVm!.Moref!, key, 0, content.Length, cancellationToken);
            if (!actual.AsSpan().SequenceEqual(content))
            {
                problems.Add($"disk {key} of {failover.Status.RecoveredVm.Moref} differs from image {image.Metadata.Name}");
            }
        }

        return problems;
    }

    public async ValueTask DisposeAsync()
    {
        await Environment.DisposeAsync();
        Data.Delete(recursive: true);
    }
}
