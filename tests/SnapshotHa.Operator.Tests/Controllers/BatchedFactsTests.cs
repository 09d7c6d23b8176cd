using SnapshotHa.Vim;
using SnapshotHa.Vim.Faults;

namespace SnapshotHa.Operator.Tests.Controllers;

/// <summary>
/// The failure watch reads the facts of every watched VM of an endpoint in one retrieval: the batch answers exactly
/// what one retrieval per VM answers, costs one call, and refuses as a whole when one VM is gone (the watch then reads
/// one by one).
/// </summary>
public sealed class BatchedFactsTests
{
    [Fact]
    public async Task One_retrieval_answers_the_same_facts_as_one_per_vm_and_fails_whole_for_a_missing_vm()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var session = await VpxSimulatorSession.StartAsync(3, 6, cancellation.Token);
        var (vim, vms) = (session.Vim, session.Vms);

        var before = await session.CallsAsync("RetrievePropertiesEx", cancellation.Token);
        var batch = await vim.VirtualMachines.GetFactsAsync(vms, cancellation.Token);
        var after = await session.CallsAsync("RetrievePropertiesEx", cancellation.Token);

        after.Should().Be(before + 1, "six VMs cost one retrieval");
        batch.Keys.Should().BeEquivalentTo(vms);
        foreach (var vm in vms)
        {
            var single = await vim.VirtualMachines.GetFactsAsync(vm, cancellation.Token);
            batch[vm].Should().BeEquivalentTo(single, $"the batch reads {vm.Value} like a single retrieval");
        }

        batch.Values.Select(f => f.Host).Distinct().Should().HaveCountGreaterThan(1, "the VMs are spread over the hosts");
        var withMissing = vms.Append(new ManagedObjectReference("VirtualMachine", "vm-does-not-exist")).ToList();
        await FluentActions.Awaiting(() => vim.VirtualMachines.GetFactsAsync(withMissing, cancellation.Token))
            .Should().ThrowAsync<VimFaultException>();
    }
}
