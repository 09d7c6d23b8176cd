using SnapshotHa.Api.Failovers;
using SnapshotHa.Api.Images;
using SnapshotHa.Api.Policies;
using SnapshotHa.Operator.SandboxRuntime;
using SnapshotHa.Vim;
using Xunit.Abstractions;

namespace SnapshotHa.Operator.Tests.EndToEnd.Failover;

/// <summary>Standby VMs: created on another host, refreshed after commits with delta uploads, exact at their image.</summary>
public sealed class StandbyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_standby_on_another_host_is_refreshed_by_deltas_holds_exactly_its_image_and_is_activated_on_failover()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var sandbox = await FailoverSandbox.StartAsync(
            2, new FailoverPolicySpec { Fencing = FencingMode.Required, GracePeriod = "1s" }, 0, cancellation.Token);
        var environment = sandbox.Environment;
        var policy = (await environment.Client.GetAsync<SnapshotPolicy>(SandboxResources.PolicyName, "default", cancellation.Token))!;
        policy.Spec.Standby = new StandbySpec { Count = 1 };
        await environment.Client.UpdateAsync(policy, cancellation.Token);

        await SandboxFixture.WaitUntilAsync(
            async () => (await sandbox.PvmAsync()).Status?.Standbys?.FirstOrDefault()?.Moref is not null,
            TimeSpan.FromSeconds(40),
            "the standby was created");
        var created = (await sandbox.PvmAsync()).Status!.Standbys!.Single();
        await SandboxFixture.WaitUntilAsync(
            async () => (await sandbox.PvmAsync()).Status?.Standbys?.FirstOrDefault()?.ImageSequence >= created.ImageSequence + 2,
            TimeSpan.FromSeconds(60),
            $"the standby was refreshed twice after image #{created.ImageSequence}");
        await environment.Workload.StopAsync();

        // No cycle may commit a newer image between the check below and the crash: the failover restores the latest
        // image, and only a standby holding exactly that image is activated.
        policy = (await environment.Client.GetAsync<SnapshotPolicy>(SandboxResources.PolicyName, "default", cancellation.Token))!;
        policy.Spec.Schedule.MaxInterval = "1h";
        await environment.Client.UpdateAsync(policy, cancellation.Token);
        await SandboxFixture.WaitUntilAsync(
            async () => (await sandbox.PvmAsync()) is { Status: { Cycle: null } status } && status.Standbys?.FirstOrDefault()?.ImageSequence == status.LatestCommittedImage?.Sequence,
            TimeSpan.FromSeconds(40),
            "the standby holds the latest image");

        var pvm = await sandbox.PvmAsync();
        var standby = pvm.Status!.Standbys!.Single();
        output.WriteLine($"standby {standby.Name} on {standby.Host}: created at image #{created.ImageSequence}, refreshed to #{standby.ImageSequence}");
        standby.Host.Should().NotBe(pvm.Status.Vm!.Host);
        standby.Moref.Should().Be(created.Moref, "refreshes update the same VM");
        var image = (await environment.Client.ListAsync<RecoveryImage>("default", cancellationToken: cancellation.Token)).Single(i => i.Spec.Sequence == standby.ImageSequence);
        var expected = sandbox.Expected[image.Spec.SourceSnapshot.Name];
        foreach (var (key, content) in expected)
        {
            var actual = await environment.Simulator.Control.ReadAsync(standby.Moref!, key, 0, content.Length, cancellation.Token);
            actual.AsSpan().SequenceEqual(content).Should().BeTrue($"standby disk {key} equals image #{standby.ImageSequence}");
        }

        var vm = (await environment.Simulator.Control.VmsAsync(cancellation.Token))["vms"]!.AsArray().Single(v => v!["moref"]!.GetValue<string>() == standby.Moref);
        vm!["powerState"]!.GetValue<string>().Should().Be("poweredOff");
        vm["disks"]![0]!["chain"]!.AsArray().Should().ContainSingle("each refresh's delta was consolidated into the standby's disk");
    
        // A crash: the standby, which holds the latest image, becomes the VM with the source's name and MACs.
        await environment.Simulator.Control.CrashVmAsync(sandbox.Vm.Moref, cancellation.Token);
        var failover = await sandbox.WaitForFailoverAsync(FailoverPhase.Succeeded, TimeSpan.FromSeconds(60));
        output.WriteLine($"standby activation: RTO {failover.Status!.RtoSeconds} s");
        failover.Status.RecoveredVm!.FromStandby.Should().BeTrue();
        failover.Status.RecoveredVm.Moref.Should().Be(standby.Moref);
        failover.Status.Conditions.Should().Contain(c => c.Type == FailoverConditions.Restored && c.Reason == FailoverConditions.ReasonStandby);
        (await sandbox.RunningCopiesAsync(cancellation.Token)).Should().ContainSingle().Which["moref"]!.GetValue<string>().Should().Be(standby.Moref);
        await using var vim = await SandboxFixture.ConnectAsync(environment, cancellation.Token);
        var hardware = await vim.VirtualMachines.GetHardwareAsync(new ManagedObjectReference("VirtualMachine", standby.Moref!), cancellation.Token);
        pvm.Status.SavedConfiguration!.Nics.Should().NotBeEmpty();
        hardware.Nics.Select(n => n.MacAddress).Should().Equal(pvm.Status.SavedConfiguration!.Nics!.Select(n => n.MacAddress), "the activated standby has the source's MACs");
        (await sandbox.PvmAsync()).Status!.Standbys?.Select(s => s.Moref).Should().NotContain(standby.Moref, "an activated standby is no standby any more");
    }
}
