using System.CommandLine;
using SnapshotHa.Operator.SandboxRuntime;
using SnapshotHa.Sandbox.Simulator;

namespace SnapshotHa.Operator.Cli;

/// <summary>
/// <c>snapshotha sandbox fail-host|restore-host|partition|heal|crash-vm|restore-vm TARGET</c>: failures injected into a
/// running sandbox from a second terminal, through the simulator control URL the sandbox wrote next to its kubeconfig;
/// watch the outcome with <c>kubectl get pvm,fo -w</c>.
/// </summary>
public static class SandboxFaultCommands
{
    /// <summary>Creates the subcommands.</summary>
    /// <returns>The commands, in help order.</returns>
    public static IEnumerable<Command> All()
    {
        yield return Create("fail-host", "HOST", "The host dies: API calls on it fail and its VMs stop (failover follows)", (c, t, ct) => c.FailHostAsync(t, powerOffVms: true, "fault", ct));
        yield return Create("restore-host", "HOST", "A failed or partitioned host answers again (its VMs keep their power state)", (c, t, ct) => c.RestoreHostAsync(t, ct));
        yield return Create("partition", "HOST", "The operator loses the host's management network; its VMs keep running (fencing decides)", (c, t, ct) => c.PartitionAsync(t, ct));
        yield return Create("heal", "HOST", "Ends a partition", (c, t, ct) => c.HealAsync(t, ct));
        yield return Create("crash-vm", "VM", "The VM crashes: powered off, guest heartbeat red", (c, t, ct) => c.CrashVmAsync(t, ct));
        yield return Create("restore-vm", "VM", "Powers a crashed VM on again", (c, t, ct) => c.RestoreVmAsync(t, ct));
    }

    private static Command Create(
        string name, string targetName, string description, Func<SimulatorControlClient, string, CancellationToken, Task<System.Text.Json.Nodes.JsonNode>> call)
    {
        var target = new Argument<string>(targetName) { Description = $"{targetName} name or moref, as the simulator names it (see 'kubectl get pvm -o wide')" };
        var kubeconfig = new Option<string>("--kubeconfig") { Description = "The running sandbox's kubeconfig (default sandbox.kubeconfig)", DefaultValueFactory = _ => "sandbox.kubeconfig" };
        var command = new Command(name, description);
        command.Arguments.Add(target);
        command.Options.Add(kubeconfig);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            SandboxState state;
            try
            {
                state = await SandboxState.ReadAsync(SandboxState.PathFor(parseResult.GetValue(kubeconfig)!), cancellationToken);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"snapshotha sandbox {name}: {e.Message}");
                return 2;
            }

            using var control = new SimulatorControlClient(new Uri(state.ControlUrl), state.Thumbprint);
            try
            {
                var answer = await call(control, parseResult.GetValue(target)!, cancellationToken);
                await output.WriteLineAsync($"snapshotha sandbox {name}: {answer.ToJsonString()}");
                return 0;
            }
            catch (HttpRequestException e)
            {
                await error.WriteLineAsync($"snapshotha sandbox {name}: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
