using Microsoft.Extensions.Time.Testing;
using SnapshotHa.Kube.Queue;

namespace SnapshotHa.Kube.Tests.Queue;

public sealed class WorkQueueTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();

    private WorkQueue<string> NewQueue() => new(
        _time, new ExponentialFailureRateLimiter<string>(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8)));

    [Fact]
    public async Task Add_of_a_queued_key_is_a_no_op()
    {
        using var queue = NewQueue();
        queue.Add("ns/a");
        queue.Add("ns/a");
        queue.Add("ns/b");

        queue.Count.Should().Be(2);
        (await queue.GetAsync(CancellationToken.None)).Should().Be("ns/a");
        (await queue.GetAsync(CancellationToken.None)).Should().Be("ns/b");
        queue.Count.Should().Be(0);
    }

    [Fact]
    public async Task Key_re_added_while_processing_is_handed_out_only_after_Done()
    {
        using var queue = NewQueue();
        queue.Add("ns/a");
        var key = await queue.GetAsync(CancellationToken.None);

        queue.Add("ns/a");
        queue.Add("ns/a");
        queue.Count.Should().Be(0, "a processed key must not reach a second worker");
        var second = queue.GetAsync(CancellationToken.None);
        second.IsCompleted.Should().BeFalse();

        queue.Done(key!);

        (await second.WaitAsync(Wait)).Should().Be("ns/a");
        queue.Count.Should().Be(0, "the two re-adds collapse into one");
    }

    [Fact]
    public async Task AddNext_of_a_processed_key_queues_it_ahead_of_the_waiting_keys_after_Done()
    {
        using var queue = NewQueue();
        queue.Add("ns/a");
        var key = await queue.GetAsync(CancellationToken.None);
        queue.Add("ns/b");
        queue.Add("ns/c");

        queue.AddNext(key!);
        queue.Count.Should().Be(2, "the processed key waits for Done");
        queue.Done(key!);

        (await queue.GetAsync(CancellationToken.None)).Should().Be("ns/a", "the continuation goes first");
        (await queue.GetAsync(CancellationToken.None)).Should().Be("ns/b");
        (await queue.GetAsync(CancellationToken.None)).Should().Be("ns/c");
    }

    [Fact]
    public async Task AddNext_queues_an_idle_key_ahead_and_leaves_a_waiting_key_in_its_place()
    {
        using var queue = NewQueue();
        queue.Add("ns/a");
        queue.Add("ns/b");

        queue.AddNext("ns/b");
        queue.AddNext("ns/c");
        queue.Count.Should().Be(3);

        (await queue.GetAsync(CancellationToken.None)).Should().Be("ns/c");
        (await queue.GetAsync(CancellationToken.None)).Should().Be("ns/a");
        (await queue.GetAsync(CancellationToken.None)).Should().Be("ns/b");
    }

    [Fact]
    public async Task GetAsync_waits_for_an_add()
    {
        using var queue = NewQueue();
        var pending = queue.GetAsync(CancellationToken.None);
        pending.IsCompleted.Should().BeFalse();

        queue.Add("ns/a");

        (await pending.WaitAsync(Wait)).Should().Be("ns/a");
    }

    [Fact]
    public void AddAfter_queues_the_key_when_due()
    {
        using var queue = NewQueue();
        queue.AddAfter("ns/a", TimeSpan.FromSeconds(5));

        _time.Advance(TimeSpan.FromSeconds(4.9));
        queue.Count.Should().Be(0);
        queue.PendingCount.Should().Be(1);

        _time.Advance(TimeSpan.FromSeconds(0.1));
        queue.Count.Should().Be(1);
    }

    [Fact]
    public void Reschedule_replaces_an_earlier_due_time()
    {
        using var queue = NewQueue();
        queue.AddAfter("ns/a", TimeSpan.FromSeconds(5));
        queue.Reschedule("ns/a", TimeSpan.FromSeconds(60));

        _time.Advance(TimeSpan.FromSeconds(10));
        queue.Count.Should().Be(0, "the earlier due time was replaced");
        queue.PendingCount.Should().Be(1);
        _time.Advance(TimeSpan.FromSeconds(50));
        queue.Count.Should().Be(1);
    }

    [Fact]
    public void Delayed_re_add_keeps_the_earliest_due_time()
    {
        using var queue = NewQueue();
        queue.AddAfter("ns/late-first", TimeSpan.FromSeconds(10));
        queue.AddAfter("ns/late-first", TimeSpan.FromSeconds(3));
        queue.AddAfter("ns/early-first", TimeSpan.FromSeconds(3));
        queue.AddAfter("ns/early-first", TimeSpan.FromSeconds(10));

        _time.Advance(TimeSpan.FromSeconds(3));

        queue.Count.Should().Be(2, "both keys were due after 3 s whatever the order of their adds");
        _time.Advance(TimeSpan.FromSeconds(10));
        queue.Count.Should().Be(2, "superseded due times do not queue a key again");
    }

    [Fact]
    public void Non_positive_delay_queues_at_once()
    {
        using var queue = NewQueue();
        queue.AddAfter("ns/a", TimeSpan.Zero);
        queue.Count.Should().Be(1);
    }

    [Fact]
    public void AddRateLimited_backs_off_per_key_until_Forget()
    {
        using var queue = NewQueue();
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            queue.AddRateLimited("ns/a");
            delays.Add(TimeUntilQueued(queue));
            DrainOne(queue);
        }

        delays.Should().Equal(
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(8));
        queue.NumRequeues("ns/a").Should().Be(5);

        queue.Forget("ns/a");
        queue.NumRequeues("ns/a").Should().Be(0);
        queue.AddRateLimited("ns/a");
        TimeUntilQueued(queue).Should().Be(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Back_off_is_per_key()
    {
        using var queue = NewQueue();
        queue.AddRateLimited("ns/a");
        queue.AddRateLimited("ns/a");
        queue.AddRateLimited("ns/b");

        queue.NumRequeues("ns/a").Should().Be(2);
        queue.NumRequeues("ns/b").Should().Be(1);
    }

    [Fact]
    public void Clear_drops_queued_and_delayed_keys()
    {
        using var queue = NewQueue();
        queue.Add("ns/a");
        queue.AddAfter("ns/b", TimeSpan.FromSeconds(1));

        queue.Clear();
        _time.Advance(TimeSpan.FromSeconds(2));

        queue.Count.Should().Be(0);
        queue.PendingCount.Should().Be(0);
        queue.Add("ns/a");
        queue.Count.Should().Be(1, "a cleared key can be queued again");
    }

    [Fact]
    public async Task Clear_drops_the_pending_re_add_of_a_processed_key()
    {
        using var queue = NewQueue();
        queue.Add("ns/a");
        var key = await queue.GetAsync(CancellationToken.None);
        queue.Add("ns/a");

        queue.Clear();
        queue.Done(key!);

        queue.Count.Should().Be(0);
        queue.PendingCount.Should().Be(0);
    }

    [Fact]
    public void Adds_count_only_keys_that_were_not_queued()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var metrics = new SnapshotHa.Kube.Metrics.ControllerMetrics(registry).ForQueue("q");
        using var queue = new WorkQueue<string>(_time, metrics: metrics);

        queue.Add("ns/a");
        queue.Add("ns/a");
        queue.Add("ns/b");

        Prometheus.Metrics.WithCustomRegistry(registry).CreateCounter("snapshotha_workqueue_adds_total", string.Empty, "name")
            .WithLabels("q").Value.Should().Be(2);
        Prometheus.Metrics.WithCustomRegistry(registry).CreateGauge("snapshotha_workqueue_depth", string.Empty, "name")
            .WithLabels("q").Value.Should().Be(2);
    }

    [Fact]
    public async Task ShutDownWithDrain_waits_for_in_flight_keys_and_ignores_new_adds()
    {
        using var queue = NewQueue();
        queue.Add("ns/a");
        queue.Add("ns/b");
        var first = await queue.GetAsync(CancellationToken.None);

        var drain = queue.ShutDownWithDrainAsync(CancellationToken.None);
        queue.Add("ns/c");
        queue.AddAfter("ns/d", TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(1));

        var second = await queue.GetAsync(CancellationToken.None);
        second.Should().Be("ns/b", "keys queued before the shutdown are still handed out");
        drain.IsCompleted.Should().BeFalse();
        queue.Done(first!);
        drain.IsCompleted.Should().BeFalse();
        queue.Done(second!);

        await drain.WaitAsync(Wait);
        (await queue.GetAsync(CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task ShutDown_releases_every_waiting_worker()
    {
        using var queue = NewQueue();
        var waiting = Enumerable.Range(0, 3).Select(_ => queue.GetAsync(CancellationToken.None)).ToList();

        queue.ShutDown();

        var keys = await Task.WhenAll(waiting).WaitAsync(Wait);
        keys.Should().AllSatisfy(k => k.Should().BeNull());
    }

    [Fact]
    public async Task GetAsync_honours_cancellation()
    {
        using var queue = NewQueue();
        using var cts = new CancellationTokenSource();
        var pending = queue.GetAsync(cts.Token);

        await cts.CancelAsync();

        await FluentActions.Awaiting(() => pending).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Concurrent_workers_never_process_one_key_twice_at_once_and_every_add_is_followed_by_a_pass()
    {
        using var queue = new WorkQueue<string>(TimeProvider.System);
        var keys = Enumerable.Range(0, 20).Select(i => $"ns/k{i}").ToArray();
        var inFlight = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var lastAdd = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        var lastPassStart = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        long clock = 0;
        var overlaps = 0;

        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (await queue.GetAsync(CancellationToken.None) is { } key)
            {
                lastPassStart[key] = Interlocked.Increment(ref clock);
                if (inFlight.AddOrUpdate(key, 1, (_, n) => n + 1) > 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                await Task.Yield();
                inFlight.AddOrUpdate(key, 0, (_, n) => n - 1);
                queue.Done(key);
            }
        })).ToList();

        var producers = Enumerable.Range(0, 4).Select(p => Task.Run(() =>
        {
            var random = new Random(p);
            for (var i = 0; i < 5_000; i++)
            {
                var key = keys[random.Next(keys.Length)];
                lastAdd[key] = Interlocked.Increment(ref clock);
                queue.Add(key);
            }
        })).ToList();

        await Task.WhenAll(producers).WaitAsync(Wait);
        await queue.ShutDownWithDrainAsync(CancellationToken.None).WaitAsync(Wait);
        await Task.WhenAll(workers).WaitAsync(Wait);

        overlaps.Should().Be(0);
        foreach (var key in lastAdd.Keys)
        {
            lastPassStart[key].Should().BeGreaterThan(lastAdd[key], $"{key} must be processed after its last add");
        }
    }

    private TimeSpan TimeUntilQueued(WorkQueue<string> queue)
    {
        var step = TimeSpan.FromMilliseconds(250);
        var waited = TimeSpan.Zero;
        while (queue.Count == 0)
        {
            waited.Should().BeLessThan(TimeSpan.FromMinutes(1));
            _time.Advance(step);
            waited += step;
        }

        return waited;
    }

    private static void DrainOne(WorkQueue<string> queue)
    {
        var key = queue.GetAsync(CancellationToken.None).GetAwaiter().GetResult();
        queue.Done(key!);
    }
}
