using SnapshotHa.Operator.Controllers.Protection;
using SnapshotHa.Operator.Hosting;

namespace SnapshotHa.Operator.Tests.Controllers;

public sealed class HostTaskSlotsTests
{
    [Fact]
    public void Each_host_gets_its_bound_and_a_released_slot_is_free_again()
    {
        var slots = new HostTaskSlots(new ProtectionOptions { MaxSnapshotTasksPerHost = 2 });

        using var first = slots.TryAcquire("default/vc", "host-1");
        var second = slots.TryAcquire("default/vc", "host-1");
        first.Should().NotBeNull();
        second.Should().NotBeNull();
        slots.TryAcquire("default/vc", "host-1").Should().BeNull("host-1 runs its two tasks");
        slots.TryAcquire("default/vc", "host-2").Should().NotBeNull("another host has its own bound");
        slots.TryAcquire("other/vc", "host-1").Should().NotBeNull("the same moref on another endpoint is another host");

        second!.Dispose();
        second.Dispose();
        using var third = slots.TryAcquire("default/vc", "host-1");
        third.Should().NotBeNull("the released slot is free again");
        slots.TryAcquire("default/vc", "host-1").Should().BeNull("a double release frees only one slot");
    }
}
