using k8s.Models;
using SnapshotHa.Api.Common;
using SnapshotHa.Api.Failovers;
using SnapshotHa.Api.Policies;
using SnapshotHa.Api.Protection;
using Xunit.Abstractions;

namespace SnapshotHa.Operator.Tests.EndToEnd.Failover;

/// <summary>Failovers a person starts: a test copy on an isolated network, a planned failover that loses nothing, and the failback.</summary>
public sealed class PlannedTestAndFailbackTests(ITestOutputHelper output)
{
    private const string IsolatedNetwork = "DC0_DVPG0";

    [Fact]
    public async Task A_test_copy_leaves_the_source_alone_then_a_planned_failover_loses_no_write_and_a_failback_returns_to_the_original_host()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var sandbox = await FailoverSandbox.StartAsync(
            2, new FailoverPolicySpec { Fencing = FencingMode.Required, GracePeriod = "1s" }, 1, cancellation.Token);
        var environment = sandbox.Environment;
        var control = environment.Simulator.Control;
        var source = sandbox.Vm;

        // Test failover: a copy on an isolated network; the source keeps running and being protected.
        var before = await sandbox.PvmAsync();
        await environment.Client.CreateAsync(NewFailover(sandbox, "drill", FailoverType.Test, IsolatedNetwork), cancellation.Token);
        var drill = await sandbox.WaitForFailoverAsync("drill", FailoverPhase.Succeeded, TimeSpan.FromSeconds(60));
        drill.Status!.Conditions.Should().Contain(c => c.Type == FailoverConditions.Fenced && c.Reason == FailoverConditions.ReasonNotRequired);
        drill.Status.RecoveredVm!.Name.Should().Be($"{source.Name}-test");
        (await sandbox.CompareRecoveredDisksAsync(drill, cancellation.Token)).Should().BeEmpty();
        var copy = await FindSimulatorVmAsync(sandbox, drill.Status.RecoveredVm.Moref!, cancellation.Token);
        copy!["powerState"]!.GetValue<string>().Should().Be("poweredOn");
        (await sandbox.RunningCopiesAsync(cancellation.Token)).Should().ContainSingle().Which["moref"]!.GetValue<string>().Should().Be(source.Moref, "the source keeps running");
        await SandboxFixture.WaitForImagesAsync(environment, before.Status!.LatestCommittedImage!.Sequence + 2, TimeSpan.FromSeconds(40));
        (await sandbox.PvmAsync()).Status!.Vm!.Moref.Should().Be(source.Moref, "protection of the source goes on");

        await environment.Client.DeleteAsync(drill, cancellation.Token);
        await SandboxFixture.WaitUntilAsync(
            async () => await FindSimulatorVmAsync(sandbox, drill.Status.RecoveredVm.Moref!, cancellation.Token) is null,
            TimeSpan.FromSeconds(30),
            "the test copy is destroyed once its Failover is deleted");

        // Planned failover: every write the workload made is in the recovered VM.
        await environment.Workload.StopAsync();
        var finalContent = source.Disks.ToDictionary(d => d.Key, d => environment.Workload.ContentOf(source.Moref, d.Key)!);
        await environment.Client.CreateAsync(NewFailover(sandbox, "move", FailoverType.Planned, null), cancellation.Token);
        var move = await sandbox.WaitForFailoverAsync("move", FailoverPhase.Succeeded, TimeSpan.FromSeconds(60));
        output.WriteLine($"planned failover: RTO {move.Status!.RtoSeconds} s (includes the final snapshot, ship and merge), image #{move.Status.Image!.Sequence}");
        move.Status.RecoveredVm!.Host.Should().NotBe(move.Status.SourceVm!.Host);
        move.Status.RpoSeconds.Should().Be(0);
        (await ProblemsAsync(sandbox, move.Status.RecoveredVm.Moref!, finalContent, cancellation.Token)).Should().BeEmpty("a planned failover loses no write");
        (await sandbox.RunningCopiesAsync(cancellation.Token)).Should().ContainSingle().Which["moref"]!.GetValue<string>().Should().Be(move.Status.RecoveredVm.Moref);
        await SandboxFixture.WaitUntilAsync(
            async () => (await sandbox.PvmAsync()).Status?.Vm?.Moref == move.Status.RecoveredVm.Moref,
            TimeSpan.FromSeconds(30),
            "the ProtectedVM protects the moved VM");

        // Failback: back to the original host, again with nothing lost.
        await environment.Client.CreateAsync(NewFailover(sandbox, "back", FailoverType.Failback, null), cancellation.Token);
        var back = await sandbox.WaitForFailoverAsync("back", FailoverPhase.Succeeded, TimeSpan.FromSeconds(60));
        back.Status!.RecoveredVm!.Host.Should().Be(move.Status.SourceVm.Host, "a failback returns to the original host");
        back.Status.SourceVm!.Moref.Should().Be(move.Status.RecoveredVm.Moref);
        (await ProblemsAsync(sandbox, back.Status.RecoveredVm.Moref!, finalContent, cancellation.Token)).Should().BeEmpty();
        (await sandbox.RunningCopiesAsync(cancellation.Token)).Should().ContainSingle().Which["moref"]!.GetValue<string>().Should().Be(back.Status.RecoveredVm.Moref);
    }

    private static Api.Failovers.Failover NewFailover(FailoverSandbox sandbox, string name, FailoverType type, string? isolatedNetwork) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new FailoverSpec
        {
            ProtectedVMRef = new LocalObjectReference { Name = sandbox.PvmName },
            Type = type,
            IsolatedNetwork = isolatedNetwork,
            Reason = "started by a person",
        },
    };

    private static async Task<System.Text.Json.Nodes.JsonNode?> FindSimulatorVmAsync(FailoverSandbox sandbox, string moref, CancellationToken cancellationToken) =>
        (await sandbox.Environment.Simulator.Control.VmsAsync(cancellationToken))["vms"]!.AsArray().FirstOrDefault(v => v!["moref"]!.GetValue<string>() == moref);

    private static async Task<IReadOnlyList<string>> ProblemsAsync(
        FailoverSandbox sandbox, string moref, IReadOnlyDictionary<int, byte[]> expected, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var (key, content) in expected)
        {
            var actual = await sandbox.Environment.Simulator.Control.ReadAsync(moref, key, 0, content.Length, cancellationToken);
            if (!actual.AsSpan().SequenceEqual(content))
            {
                problems.Add($"disk {key} of {moref} differs from the source's last content");
            }
        }

        return problems;
    }
}
