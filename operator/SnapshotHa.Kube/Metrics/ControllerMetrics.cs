using Prometheus;

namespace SnapshotHa.Kube.Metrics;

/// <summary>
/// Controller metrics named after controller-runtime's (<c>controller_runtime_reconcile_total</c>, <c>workqueue_depth</c>, …)
/// with the <c>snapshotha_</c> prefix and the unit in every name. Collectors are created once per registry, so several
/// operator instances in one process share them.
/// </summary>
public sealed class ControllerMetrics
{
    private static readonly double[] ReconcileBuckets = Histogram.ExponentialBuckets(0.005, 2, 16);

    private readonly Counter _reconcileTotal;
    private readonly Counter _reconcileErrorsTotal;
    private readonly Histogram _reconcileTimeSeconds;
    private readonly Gauge _workqueueDepth;
    private readonly Counter _workqueueAddsTotal;
    private readonly Counter _workqueueRetriesTotal;
    private readonly Counter _watchRestartsTotal;
    private readonly Gauge _leaderStatus;

    /// <summary>Creates the collectors in the process-wide default registry.</summary>
    public ControllerMetrics()
        : this(Prometheus.Metrics.DefaultRegistry)
    {
    }

    /// <summary>Creates the collectors in <paramref name="registry"/>.</summary>
    /// <param name="registry">The registry the collectors are added to.</param>
    public ControllerMetrics(CollectorRegistry registry)
    {
        Registry = registry ?? throw new ArgumentNullException(nameof(registry));
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _reconcileTotal = factory.CreateCounter(
            "snapshotha_controller_reconcile_total",
            "Total number of reconciliations per controller and result (success, error, requeue, requeue_after).",
            new CounterConfiguration { LabelNames = ["controller", "result"] });
        _reconcileErrorsTotal = factory.CreateCounter(
            "snapshotha_controller_reconcile_errors_total",
            "Total number of reconciliation errors per controller.",
            new CounterConfiguration { LabelNames = ["controller"] });
        _reconcileTimeSeconds = factory.CreateHistogram(
            "snapshotha_controller_reconcile_time_seconds",
            "Length of time per reconciliation per controller.",
            new HistogramConfiguration { LabelNames = ["controller"], Buckets = ReconcileBuckets });
        _workqueueDepth = factory.CreateGauge(
            "snapshotha_workqueue_depth",
            "Current depth of the work queue.",
            new GaugeConfiguration { LabelNames = ["name"] });
        _workqueueAddsTotal = factory.CreateCounter(
            "snapshotha_workqueue_adds_total",
            "Total number of adds handled by the work queue.",
            new CounterConfiguration { LabelNames = ["name"] });
        _workqueueRetriesTotal = factory.CreateCounter(
            "snapshotha_workqueue_retries_total",
            "Total number of rate-limited retries handled by the work queue.",
            new CounterConfiguration { LabelNames = ["name"] });
        _watchRestartsTotal = factory.CreateCounter(
            "snapshotha_watch_restarts_total",
            "Total number of watch restarts per kind and reason (timeout, closed, gone, error).",
            new CounterConfiguration { LabelNames = ["kind", "reason"] });
        _leaderStatus = factory.CreateGauge(
            "snapshotha_leader_election_master_status",
            "1 while this instance holds the leader lease, else 0.",
            new GaugeConfiguration { LabelNames = ["name"] });
    }

    /// <summary>The registry holding the collectors (export it at <c>/metrics</c>).</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Returns the collectors of one work queue.</summary>
    /// <param name="name">The queue name (the controller name).</param>
    /// <returns>The queue's metrics.</returns>
    public WorkQueueMetrics ForQueue(string name) => new(
        _workqueueDepth.WithLabels(name),
        _workqueueAddsTotal.WithLabels(name),
        _workqueueRetriesTotal.WithLabels(name));

    /// <summary>Records one reconciliation.</summary>
    /// <param name="controller">The controller name.</param>
    /// <param name="result">The result label: success, error, requeue or requeue_after.</param>
    /// <param name="duration">How long the reconciliation took.</param>
    public void ObserveReconcile(string controller, string result, TimeSpan duration)
    {
        _reconcileTotal.WithLabels(controller, result).Inc();
        if (result == ReconcileResultLabels.Error)
        {
            _reconcileErrorsTotal.WithLabels(controller).Inc();
        }

        _reconcileTimeSeconds.WithLabels(controller).Observe(duration.TotalSeconds);
    }

    /// <summary>Records a watch restart.</summary>
    /// <param name="kind">The entity kind.</param>
    /// <param name="reason">timeout, closed, gone or error.</param>
    public void WatchRestarted(string kind, string reason) => _watchRestartsTotal.WithLabels(kind, reason).Inc();

    /// <summary>Records whether this instance leads.</summary>
    /// <param name="name">The operator name.</param>
    /// <param name="leading">Whether it holds the lease.</param>
    public void SetLeader(string name, bool leading) => _leaderStatus.WithLabels(name).Set(leading ? 1 : 0);
}
