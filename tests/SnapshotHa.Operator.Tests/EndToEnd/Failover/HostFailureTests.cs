using System.CommandLine;
using SnapshotHa.Operator.Cli;
using Xunit.Abstractions;
using SnapshotHa.Api.Failovers;
using SnapshotHa.Api.Policies;
using SnapshotHa.Api.Protection;

namespace SnapshotHa.Operator.Tests.EndToEnd.Failover;

/// <summary>Unplanned failover end to end: a dead host and a crashed VM come back on another host from the latest committed image.</summary>
public sealed class HostFailureTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_dead_host_s_VM_runs_on_another_host_from_the_latest_image_and_is_protected_again()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var sandbox = await FailoverSandbox.StartAsync(
            3, new FailoverPolicySpec { Fencing = FencingMode.BestEffort, GracePeriod = "1s" }, 1, cancellation.Token);
        var environment = sandbox.Environment;
        await environment.Workload.StopAsync();
        var before = await sandbox.PvmAsync();
        var failedAt = DateTime.UtcNow;

        await environment.Simulator.Control.FailHostAsync(sandbox.Vm.Host, powerOffVms: true, "fault", cancellation.Token);
        var failover = await sandbox.WaitForFailoverAsync(FailoverPhase.Succeeded, TimeSpan.FromSeconds(60));

        output.WriteLine($"host failure: detection {failover.Status!.DetectionSeconds} s, RTO {failover.Status.RtoSeconds} s, failure to power-on {(failover.Status.CompletedTime!.Value - failedAt).TotalSeconds:0.###} s");
        failover.Spec.Type.Should().Be(FailoverType.Unplanned);
        failover.Status!.SourceVm!.Moref.Should().Be(sandbox.Vm.Moref);
        failover.Status.RecoveredVm!.Host.Should().NotBe(before.Status!.Vm!.Host, "the VM comes back on another host");
        failover.Status.Image!.Sequence.Should().BeGreaterThanOrEqualTo(before.Status.LatestCommittedImage!.Sequence, "the latest committed image is restored");
        failover.Status.StartedTime.Should().BeOnOrAfter(failedAt, "the failover answers the failure (how fast is measured, not asserted)");
        failover.Status.Conditions.Should().Contain(c => c.Type == FailoverConditions.Fenced && c.Reason == FailoverConditions.ReasonUnconfirmed);
        (await sandbox.CompareRecoveredDisksAsync(failover, cancellation.Token)).Should().BeEmpty();
        (await sandbox.RunningCopiesAsync(cancellation.Token)).Should().ContainSingle().Which["moref"]!.GetValue<string>().Should().Be(failover.Status.RecoveredVm.Moref);

        await SandboxFixture.WaitUntilAsync(
            async () => (await sandbox.PvmAsync()).Status?.LatestCommittedImage?.Sequence > failover.Status.Image.Sequence,
            TimeSpan.FromSeconds(40),
            "the recovered VM's first image is committed");
        var after = await sandbox.PvmAsync();
        after.Status!.RecoveredVm!.Moref.Should().Be(failover.Status.RecoveredVm.Moref);
        after.Status.Vm!.Moref.Should().Be(failover.Status.RecoveredVm.Moref, "the ProtectedVM protects the recovered VM");
    }

    [Fact]
    public async Task A_crashed_VM_is_fenced_and_runs_again_from_the_latest_image()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var sandbox = await FailoverSandbox.StartAsync(
            2, new FailoverPolicySpec { Fencing = FencingMode.Required, GracePeriod = "1s" }, 1, cancellation.Token);
        var environment = sandbox.Environment;
        await environment.Workload.StopAsync();
        var kubeconfig = Path.Combine(sandbox.Data.FullName, "sandbox.kubeconfig");
        await using var state = await SandboxFailoverCli.WriteStateAsync(environment, kubeconfig, cancellation.Token);
        var crashedAt = DateTime.UtcNow;

        // As a person would from a second terminal: snapshotha sandbox crash-vm VM.
        var root = new RootCommand();
        root.Subcommands.Add(SandboxCommand.Create());
        var error = new StringWriter();
        var code = await root.Parse(["sandbox", "crash-vm", sandbox.Vm.Name, "--kubeconfig", kubeconfig])
            .InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = error }, cancellation.Token);
        code.Should().Be(0, error.ToString());
        var failover = await sandbox.WaitForFailoverAsync(FailoverPhase.Succeeded, TimeSpan.FromSeconds(60));

        var pvm = await sandbox.PvmAsync();
        output.WriteLine($"VM crash: detection {failover.Status!.DetectionSeconds} s, RTO {failover.Status.RtoSeconds} s, crash to power-on {(failover.Status.CompletedTime!.Value - crashedAt).TotalSeconds:0.###} s");
        failover.Status!.Conditions.Should().Contain(c => c.Type == FailoverConditions.Fenced && c.Status == "True" && c.Reason == FailoverConditions.ReasonPoweredOff);
        failover.Spec.Reason.Should().StartWith(ProtectedVMConditions.ReasonPoweredOffUnexpectedly);
        failover.Status.StartedTime.Should().BeOnOrAfter(crashedAt, "the failover answers the crash (how fast is measured, not asserted)");
        (await sandbox.CompareRecoveredDisksAsync(failover, cancellation.Token)).Should().BeEmpty();
        (await sandbox.RunningCopiesAsync(cancellation.Token)).Should().ContainSingle();
        pvm.Status!.RecoveredVm!.Moref.Should().Be(failover.Status.RecoveredVm!.Moref);
    }
}
