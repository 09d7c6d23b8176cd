using System.CommandLine;
using SnapshotHa.Operator.SandboxRuntime;

namespace SnapshotHa.Operator.Cli;

/// <summary>The failover parts of <c>snapshotha sandbox</c>: the <c>--hosts</c> option, the fault subcommands and the state file.</summary>
public static class SandboxFailoverCli
{
    /// <summary>Adds <c>--hosts</c> and the fault subcommands to the sandbox command.</summary>
    /// <param name="sandbox">The <c>sandbox</c> command.</param>
    /// <returns>The <c>--hosts</c> option.</returns>
    public static Option<int> AddTo(Command sandbox)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var hosts = new Option<int>("--hosts")
        {
            Description = "Number of simulated ESXi hosts; 2 or more simulate a vCenter cluster so that failovers go to another host (default 1)",
            DefaultValueFactory = _ => 1,
        };
        sandbox.Options.Add(hosts);
        foreach (var command in SandboxFaultCommands.All())
        {
            sandbox.Subcommands.Add(command);
        }

        return hosts;
    }

    /// <summary>Writes the state file next to the kubeconfig; disposing the result removes it.</summary>
    /// <param name="environment">The running sandbox.</param>
    /// <param name="kubeconfigPath">The kubeconfig path.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Removes the file when disposed.</returns>
    public static async Task<IAsyncDisposable> WriteStateAsync(SandboxEnvironment environment, string kubeconfigPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var ready = environment.Simulator.Ready;
        var path = SandboxState.PathFor(kubeconfigPath);
        await new SandboxState(ready.ControlUrl, ready.Thumbprint, [.. ready.Vms.Select(v => new SandboxStateVm(v.Name, v.Moref, v.Host))])
            .WriteAsync(path, cancellationToken);
        Console.WriteLine($"  failures from another terminal: snapshotha sandbox fail-host|partition|heal|restore-host HOST, crash-vm|restore-vm VM --kubeconfig {Path.GetFullPath(kubeconfigPath)}");
        return new StateFile(path);
    }

    private sealed class StateFile(string path) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            File.Delete(path);
            return ValueTask.CompletedTask;
        }
    }
}
