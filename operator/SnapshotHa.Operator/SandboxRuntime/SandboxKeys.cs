using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Client;
using SnapshotHa.Sandbox.Simulator;

namespace SnapshotHa.Operator.SandboxRuntime;

/// <summary>
/// The keys of the live view, acting on the VM of the first ProtectedVM (by name) as the fault subcommands would:
/// <c>f</c> fails its host (the VMs on it stop), <c>c</c> crashes the VM, <c>p</c> partitions its host (the VM keeps
/// running), <c>r</c> restores the hosts failed or partitioned so far (crashed VMs stay off).
/// </summary>
/// <param name="client">Reads the ProtectedVMs.</param>
/// <param name="control">The simulator's control API.</param>
/// <param name="timeProvider">Paces the key polling.</param>
public sealed class SandboxKeys(IKubernetesClient client, SimulatorControlClient control, TimeProvider timeProvider)
{
    private readonly List<string> _brokenHosts = [];

    /// <summary>The legend shown under the live table.</summary>
    public const string Legend = "keys: f fail host · c crash VM · p partition host · r restore hosts (first ProtectedVM) · Ctrl-C stops";

    /// <summary>Gets what the last key did, or null before the first key.</summary>
    public string? LastAction { get; private set; }

    /// <summary>Reads keys until cancelled; does nothing when the console has no keyboard.</summary>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>A task that completes when cancelled.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Console.IsInputRedirected)
        {
            return;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!Console.KeyAvailable)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), timeProvider, cancellationToken);
                    continue;
                }

                var key = char.ToLowerInvariant(Console.ReadKey(intercept: true).KeyChar);
                LastAction = await HandleAsync(key, cancellationToken) ?? LastAction;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException)
            {
                LastAction = $"failed: {e.Message}";
            }
        }
    }

    /// <summary>Carries out one key.</summary>
    /// <param name="key">The key, lower case.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was done, or null for a key without meaning.</returns>
    public async Task<string?> HandleAsync(char key, CancellationToken cancellationToken)
    {
        if (key is not ('f' or 'c' or 'p' or 'r'))
        {
            return null;
        }

        if (key == 'r')
        {
            var restored = _brokenHosts.ToList();
            foreach (var host in restored)
            {
                await control.RestoreHostAsync(host, cancellationToken);
                _brokenHosts.Remove(host);
            }

            return restored.Count == 0 ? "no host to restore" : $"restored hosts {string.Join(", ", restored)}";
        }

        var pvm = (await client.ListAsync<ProtectedVM>(null, cancellationToken: cancellationToken))
            .OrderBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .FirstOrDefault(p => p.Status?.Vm?.Moref is not null)
            ?? throw new InvalidOperationException("no ProtectedVM has found its VM yet");
        var vm = pvm.Status!.Vm!;
        switch (key)
        {
            case 'c':
                await control.CrashVmAsync(vm.Moref!, cancellationToken);
                return $"crashed VM {vm.Name} ({pvm.Metadata.Name})";
            case 'f':
                await control.FailHostAsync(Host(vm), powerOffVms: true, "fault", cancellationToken);
                _brokenHosts.Add(Host(vm));
                return $"failed host {vm.Host} of VM {vm.Name}";
            default:
                await control.PartitionAsync(Host(vm), cancellationToken);
                _brokenHosts.Add(Host(vm));
                return $"partitioned host {vm.Host} of VM {vm.Name}";
        }
    }

    private static string Host(VmFacts vm) => vm.Host ?? throw new InvalidOperationException($"VM {vm.Name} has no host in status");
}
