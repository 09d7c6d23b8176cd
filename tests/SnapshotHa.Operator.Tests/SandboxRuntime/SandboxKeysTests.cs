using SnapshotHa.Api.Policies;
using SnapshotHa.Operator.SandboxRuntime;
using SnapshotHa.Operator.Tests.EndToEnd.Failover;

namespace SnapshotHa.Operator.Tests.SandboxRuntime;

public sealed class SandboxKeysTests
{
    [Fact]
    public async Task Keys_partition_and_restore_the_first_VMs_host_and_crash_the_VM()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var sandbox = await FailoverSandbox.StartAsync(
            2, new FailoverPolicySpec { Fencing = FencingMode.Required, GracePeriod = "1m" }, 0, cancellation.Token);
        var environment = sandbox.Environment;
        var keys = new SandboxKeys(environment.Client, environment.Simulator.Control, TimeProvider.System);
        var host = (await sandbox.PvmAsync()).Status!.Vm!.Host!;

        (await keys.HandleAsync('x', cancellation.Token)).Should().BeNull("x means nothing");
        (await keys.HandleAsync('r', cancellation.Token)).Should().Be("no host to restore");
        (await keys.HandleAsync('p', cancellation.Token)).Should().Be($"partitioned host {host} of VM {sandbox.Vm.Name}");
        (await keys.HandleAsync('r', cancellation.Token)).Should().Be($"restored hosts {host}");
        (await keys.HandleAsync('r', cancellation.Token)).Should().Be("no host to restore", "a restored host is not restored twice");

        (await keys.HandleAsync('c', cancellation.Token)).Should().StartWith($"crashed VM {sandbox.Vm.Name}");
        var vms = await environment.Simulator.Control.VmsAsync(cancellation.Token);
        vms["vms"]!.AsArray().Single(v => v!["moref"]!.GetValue<string>() == sandbox.Vm.Moref)!["powerState"]!.GetValue<string>()
            .Should().Be("poweredOff");
    }
}
