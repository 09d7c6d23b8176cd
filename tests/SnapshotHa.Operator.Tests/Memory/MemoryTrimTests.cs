using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SnapshotHa.Operator.Memory;

namespace SnapshotHa.Operator.Tests.Memory;

/// <summary>
/// The trim runs when the GC holds enough free committed memory, at most once per interval, and frees it. Runs alone:
/// the runtime test compares the process's committed memory before and after a collection.
/// </summary>
[Collection(EndToEnd.AloneCollection.Name)]
public sealed class MemoryTrimTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void Trims_only_when_enough_is_free_and_not_again_within_the_interval()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var gc = new FakeGc { State = new GcState(100 * MiB, 80 * MiB) };
        var trim = new MemoryTrim(MemoryTrimOptions.Default, gc, time, NullLogger<MemoryTrim>.Instance);

        trim.TrimIfWorthIt().Should().BeFalse("20 MiB free is below both 32 MiB and half the live heap");
        gc.Collections.Should().Be(0);

        gc.State = new GcState(140 * MiB, 60 * MiB);
        trim.TrimIfWorthIt().Should().BeTrue("80 MiB free is above 32 MiB and above half the live heap");
        gc.Collections.Should().Be(1);

        gc.State = new GcState(200 * MiB, 60 * MiB);
        time.Advance(MemoryTrimOptions.Default.MinInterval - TimeSpan.FromSeconds(1));
        trim.TrimIfWorthIt().Should().BeFalse("the last trim is less than the interval ago");
        time.Advance(TimeSpan.FromSeconds(1));
        trim.TrimIfWorthIt().Should().BeTrue();
        gc.Collections.Should().Be(2);

        gc.State = new GcState(290 * MiB, 200 * MiB);
        time.Advance(MemoryTrimOptions.Default.MinInterval);
        trim.TrimIfWorthIt().Should().BeFalse("90 MiB free is less than half of a 200 MiB live heap");
    }

    [Fact]
    public async Task A_disabled_trim_never_looks_and_an_enabled_one_keeps_looking()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var gc = new FakeGc { State = new GcState(400 * MiB, 60 * MiB) };
        using var disabled = new MemoryTrim(MemoryTrimOptions.Default with { Enabled = false }, gc, time, NullLogger<MemoryTrim>.Instance);
        using var enabled = new MemoryTrim(MemoryTrimOptions.Default, gc, time, NullLogger<MemoryTrim>.Instance);

        await disabled.StartAsync(CancellationToken.None);
        await enabled.StartAsync(CancellationToken.None);

        await disabled.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));
        disabled.ExecuteTask.IsCompletedSuccessfully.Should().BeTrue("a disabled trim ends at once");
        enabled.ExecuteTask!.IsCompleted.Should().BeFalse("an enabled trim looks every interval until stopped");
        await enabled.StopAsync(CancellationToken.None);
        gc.Collections.Should().Be(0, "no interval passed");
    }

    [Fact]
    public void The_runtime_collection_returns_free_committed_memory()
    {
        var gc = new RuntimeGcControl();
        var garbage = new List<byte[]>();
        for (var i = 0; i < 64; i++)
        {
            garbage.Add(new byte[1024 * 1024]);
        }

        GC.KeepAlive(garbage);
        garbage.Clear();
        GC.Collect(0);
        var before = gc.Read();

        gc.CollectAndDecommit();

        var after = gc.Read();
        after.CommittedBytes.Should().BeLessThan(before.CommittedBytes, "the 64 MiB of dead arrays are decommitted");
    }

    private sealed class FakeGc : IGcControl
    {
        public GcState State { get; set; } = new(0, 0);

        public int Collections { get; private set; }

        public GcState Read() => State;

        public void CollectAndDecommit() => Collections++;
    }
}
