using k8s;
using k8s.Models;
using SnapshotHa.Api.Common;
using SnapshotHa.Api.Failovers;
using SnapshotHa.Api.Policies;
using SnapshotHa.Kube.Status;

namespace SnapshotHa.Operator.Tests.EndToEnd.Failover;

/// <summary>spec.recovery.folder and resourcePool place the recovered VM; a wrong path holds the failover with a condition naming the field.</summary>
public sealed class RecoveryPlacementTests
{
    [Fact]
    public async Task A_missing_recovery_folder_holds_the_power_on_with_a_condition_and_a_valid_one_places_the_VM()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var sandbox = await FailoverSandbox.StartAsync(
            2, new FailoverPolicySpec { Fencing = FencingMode.BestEffort, GracePeriod = "1s" }, 1, cancellation.Token);
        var environment = sandbox.Environment;
        await environment.Workload.StopAsync();
        await PatchRecoveryAsync(environment, new { folder = "DC0/vm/missing", resourcePool = "DC0/host/DC0_C0/Resources" }, cancellation.Token);

        await environment.Simulator.Control.CrashVmAsync(sandbox.Vm.Moref, cancellation.Token);
        V1Condition? held = null;
        await SandboxFixture.WaitUntilAsync(
            async () => (held = (await environment.Client.ListAsync<Api.Failovers.Failover>("default"))
                .Select(f => f.Status?.Conditions.FindStatusCondition(FailoverConditions.Succeeded))
                .FirstOrDefault(c => c?.Reason == FailoverConditions.ReasonPowerOnFailed)) is not null,
            TimeSpan.FromSeconds(60),
            "the failover reports that it cannot create the VM");
        held!.Status.Should().Be("False");
        held.Message.Should().Contain("spec.recovery.folder 'DC0/vm/missing' does not exist");
        (await environment.Client.ListAsync<Api.Failovers.Failover>("default")).Single().Status!.Phase.Should().Be(FailoverPhase.PoweringOn);

        await PatchRecoveryAsync(environment, new { folder = "DC0/vm" }, cancellation.Token);
        var failover = await sandbox.WaitForFailoverAsync(FailoverPhase.Succeeded, TimeSpan.FromSeconds(60));
        failover.Status!.Conditions.FindStatusCondition(FailoverConditions.Succeeded)!.Status.Should().Be("True");
        (await sandbox.CompareRecoveredDisksAsync(failover, cancellation.Token)).Should().BeEmpty();
    }

    private static async Task PatchRecoveryAsync(Operator.SandboxRuntime.SandboxEnvironment environment, object recovery, CancellationToken cancellationToken)
    {
        var pvm = (await environment.Client.ListAsync<Api.Protection.ProtectedVM>("default", cancellationToken: cancellationToken)).Single();
        var patch = new V1Patch(KubernetesJson.Serialize(new { spec = new { recovery } }), V1Patch.PatchType.MergePatch);
        await environment.Kubernetes.CustomObjects.PatchNamespacedCustomObjectAsync(
            patch, ApiGroup.Group, ApiGroup.Version, "default", "protectedvms", pvm.Metadata.Name, cancellationToken: cancellationToken);
    }
}
