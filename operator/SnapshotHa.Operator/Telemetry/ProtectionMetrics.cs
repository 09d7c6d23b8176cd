using System.Collections.Concurrent;
using Prometheus;
using SnapshotHa.Api.Failovers;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Metrics;
using SnapshotHa.Operator.Controllers.Endpoints;
using SnapshotHa.Operator.Merging;

namespace SnapshotHa.Operator.Telemetry;

/// <summary>
/// The protection metrics exported at <c>/metrics</c> next to the runtime's <see cref="ControllerMetrics"/>, in the
/// same registry: one method per event, called from the controllers. Per-VM series carry <c>namespace</c> and
/// <c>protectedvm</c>, host series <c>endpoint</c> (namespace/name) and <c>host</c>; <see cref="Deleted"/> and
/// <see cref="HostRemoved"/> drop them again. docs/observability.md lists every metric.
/// </summary>
/// <remarks>
/// Per-VM cardinality is kept small because every series stays in memory and is rendered at each scrape: the
/// duration histograms and the byte counters are labelled by <c>namespace</c> only, the per-VM durations are "last
/// value" gauges, and the phase gauge holds the current phase's series only.
/// </remarks>
public sealed class ProtectionMetrics : IDisposable
{
    private static readonly string[] Vm = ["namespace", "protectedvm"];
    private static readonly string[] Namespace = ["namespace"];
    private static readonly string[] Host = ["endpoint", "host"];
    private static readonly double[] SnapshotBuckets = Histogram.ExponentialBuckets(0.05, 2, 14);
    private static readonly double[] TransferBuckets = Histogram.ExponentialBuckets(0.1, 2, 14);
    private static readonly double[] FailoverBuckets = Histogram.ExponentialBuckets(1, 2, 12);
    private static readonly string[] Phases = Enum.GetNames<ProtectedVMPhase>();
    private static readonly string[] Steps = Enum.GetNames<CycleStep>();
    private static readonly string[] States = Enum.GetNames<Api.Endpoints.HostConnectionState>();

    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<(string Namespace, string Name), DateTimeOffset> _pointsInTime = new();

    // The RPO series per VM, looked up once: the scrape-time update touches every VM and must not search labels.
    private readonly ConcurrentDictionary<(string Namespace, string Name), Gauge.Child> _rpoSeries = new();
    private readonly Gauge _rpo;
    private readonly Gauge _rpoTarget;
    private readonly Gauge _interval;
    private readonly Gauge _phase;
    private readonly Gauge _committedSequence;
    private readonly Gauge _committedTimestamp;
    private readonly Histogram _snapshotDuration;
    private readonly Histogram _snapshotTaskDuration;
    private readonly Gauge _snapshotTaskLastDuration;
    private readonly Gauge _snapshotDeltaBytes;
    private readonly Histogram _shipDuration;
    private readonly Counter _shipBytes;
    private readonly Histogram _mergeDuration;
    private readonly Gauge _mergeLastDuration;
    private readonly Counter _mergeBytes;
    private readonly Counter _mergeNewChunkBytes;
    private readonly Counter _cycles;
    private readonly Histogram _cycleDuration;
    private readonly Gauge _cycleLastDuration;
    private readonly Counter _stepFailures;
    private readonly Gauge _repositoryLogical;
    private readonly Gauge _repositoryStored;
    private readonly Counter _imageFailures;
    private readonly Counter _heartbeats;
    private readonly Counter _heartbeatMisses;
    private readonly Gauge _consecutiveMisses;
    private readonly Gauge _hostState;
    private readonly Gauge _hostFailed;
    private readonly Gauge _lastHeartbeat;
    private readonly Counter _failovers;
    private readonly Gauge _failoversInProgress;
    private readonly Histogram _failoverDetection;
    private readonly Histogram _failoverRto;
    private bool _disposed;

    /// <summary>Creates (or finds) the collectors in the registry of <paramref name="controllerMetrics"/>.</summary>
    /// <param name="controllerMetrics">The runtime's metrics; their registry is the one <c>/metrics</c> exports.</param>
    /// <param name="timeProvider">The clock of the RPO and age gauges.</param>
    public ProtectionMetrics(ControllerMetrics controllerMetrics, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(controllerMetrics);
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        var f = Prometheus.Metrics.WithCustomRegistry(controllerMetrics.Registry);
        _rpo = f.CreateGauge("snapshotha_protectedvm_rpo_seconds", "Age of the latest committed image's point in time (the current recovery point), at scrape time.", Vm);
        _rpoTarget = f.CreateGauge("snapshotha_protectedvm_rpo_target_seconds", "The RPO target of the ProtectedVM's SnapshotPolicy.", Vm);
        _interval = f.CreateGauge("snapshotha_protectedvm_cycle_interval_seconds", "The base interval between cycles of the ProtectedVM's SnapshotPolicy.", Vm);
        _phase = f.CreateGauge("snapshotha_protectedvm_phase", "1 for the ProtectedVM's current status.phase; a former phase's series is removed.", [.. Vm, "phase"]);
        _committedSequence = f.CreateGauge("snapshotha_protectedvm_committed_image_sequence", "Sequence number of the latest committed RecoveryImage.", Vm);
        _committedTimestamp = f.CreateGauge("snapshotha_protectedvm_committed_image_timestamp_seconds", "Point in time (Unix seconds) the latest committed RecoveryImage restores to.", Vm);
        _snapshotDuration = f.CreateHistogram("snapshotha_snapshot_create_duration_seconds", "Time to create a cycle's snapshot as the operator sees it (fence included, lookups excluded), per namespace.", Buckets(Namespace, SnapshotBuckets));
        _snapshotTaskDuration = f.CreateHistogram("snapshotha_snapshot_create_task_duration_seconds", "Duration of the CreateSnapshot_Task on the host (start to completion, host clock): the VM's stun window lies inside it. Per namespace.", Buckets(Namespace, SnapshotBuckets));
        _snapshotTaskLastDuration = f.CreateGauge("snapshotha_snapshot_create_task_last_duration_seconds", "Duration of the ProtectedVM's last CreateSnapshot_Task on the host (its stun window lies inside it).", Vm);
        _snapshotDeltaBytes = f.CreateGauge("snapshotha_snapshot_delta_bytes", "Bytes the VM's running delta layer held when the last snapshot was taken.", Vm);
        _shipDuration = f.CreateHistogram("snapshotha_ship_duration_seconds", "Time to open a cycle's frozen layers on the datastore, per namespace.", Buckets(Namespace, TransferBuckets));
        _shipBytes = f.CreateCounter("snapshotha_ship_bytes_total", "Delta bytes shipped from the datastore, per namespace.", Namespace);
        _mergeDuration = f.CreateHistogram("snapshotha_merge_duration_seconds", "Time to stream and merge a cycle's layers into its RecoveryImage, per namespace.", Buckets(Namespace, TransferBuckets));
        _mergeLastDuration = f.CreateGauge("snapshotha_merge_last_duration_seconds", "Time the ProtectedVM's last merge took to stream and merge its layers.", Vm);
        _mergeBytes = f.CreateCounter("snapshotha_merge_bytes_total", "Delta bytes merged, per namespace; divide its rate by the rate of snapshotha_merge_duration_seconds_sum for the throughput.", Namespace);
        _mergeNewChunkBytes = f.CreateCounter("snapshotha_merge_new_chunk_bytes_total", "Bytes of chunks merges added to the repository (after deduplication), per namespace.", Namespace);
        _cycles = f.CreateCounter("snapshotha_cycles_total", "Protection cycles completed (image committed, previous snapshot removed, retention applied).", Vm);
        _cycleDuration = f.CreateHistogram("snapshotha_cycle_duration_seconds", "Time from a cycle's start to its end, per namespace.", Buckets(Namespace, TransferBuckets));
        _cycleLastDuration = f.CreateGauge("snapshotha_cycle_last_duration_seconds", "Time from the ProtectedVM's last completed cycle's start to its end.", Vm);
        _stepFailures = f.CreateCounter("snapshotha_cycle_step_failures_total", "Failed attempts of a cycle step (retried), by step.", [.. Vm, "step"]);
        _repositoryLogical = f.CreateGauge("snapshotha_repository_logical_bytes", "Sum of the disk capacities of the ProtectedVM's images kept in the repository (size without deduplication).", Vm);
        _repositoryStored = f.CreateGauge("snapshotha_repository_stored_bytes", "Bytes of the chunk files of the repository the ProtectedVM uses (shared by every series in it).", Vm);
        _imageFailures = f.CreateCounter("snapshotha_recoveryimage_failures_total", "RecoveryImages marked Failed, by reason (ProtectedVMNotFound, Abandoned).", ["namespace", "reason"]);
        _heartbeats = f.CreateCounter("snapshotha_host_heartbeats_total", "Heartbeat probes of an ESXi host.", Host);
        _heartbeatMisses = f.CreateCounter("snapshotha_host_heartbeat_misses_total", "Heartbeat probes that failed or came late.", Host);
        _consecutiveMisses = f.CreateGauge("snapshotha_host_heartbeat_consecutive_misses", "Heartbeat probes failed in a row.", Host);
        _hostState = f.CreateGauge("snapshotha_host_connection_state", "1 for the host's connection state as the heartbeat saw it, 0 for the others.", [.. Host, "state"]);
        _hostFailed = f.CreateGauge("snapshotha_host_failed", "1 while the host's consecutive misses reach the endpoint's missesBeforeFailure.", Host);
        _lastHeartbeat = f.CreateGauge("snapshotha_host_heartbeat_last_success_timestamp_seconds", "When the host last answered a heartbeat (Unix seconds).", Host);
        _failovers = f.CreateCounter("snapshotha_failovers_total", "Finished failovers by type and result (succeeded, failed).", ["type", "result"]);
        _failoversInProgress = f.CreateGauge("snapshotha_failovers_in_progress", "Failovers started and not finished.", ["type"]);
        _failoverDetection = f.CreateHistogram("snapshotha_failover_detection_seconds", "Unplanned failovers: time from the host's last heartbeat to the failover's start.", Buckets(["type"], FailoverBuckets));
        _failoverRto = f.CreateHistogram("snapshotha_failover_rto_seconds", "Recovery time: from the failure (or the request, when planned) to the recovered VM powered on.", Buckets(["type"], FailoverBuckets));
        foreach (var type in Enum.GetNames<FailoverType>())
        {
            _failovers.WithLabels(type, FailoverResults.Succeeded);
            _failovers.WithLabels(type, FailoverResults.Failed);
            _failoversInProgress.WithLabels(type).Set(0);
            _failoverDetection.WithLabels(type);
            _failoverRto.WithLabels(type);
        }

        controllerMetrics.Registry.AddBeforeCollectCallback(UpdateRecoveryPoints);
    }

    /// <summary>Records the policy's RPO target and interval; called after each observation of the VM.</summary>
    /// <param name="pvm">The ProtectedVM.</param>
    /// <param name="rpoTarget">Its policy's RPO target.</param>
    /// <param name="interval">Its policy's base interval between cycles.</param>
    public void Observed(ProtectedVM pvm, TimeSpan rpoTarget, TimeSpan interval)
    {
        var labels = LabelsOf(pvm);
        _rpoTarget.WithLabels(labels).Set(rpoTarget.TotalSeconds);
        _interval.WithLabels(labels).Set(interval.TotalSeconds);
    }

    /// <summary>Records phase and latest committed image from a status just written.</summary>
    /// <param name="pvm">The ProtectedVM as written.</param>
    public void StatusWritten(ProtectedVM pvm)
    {
        ArgumentNullException.ThrowIfNull(pvm);
        var labels = LabelsOf(pvm);
        if (!_disposed && _pointsInTime.TryAdd((labels[0], labels[1]), DateTimeOffset.MinValue))
        {
            // Zero series from the start, so rates and increases of a fresh VM are 0 instead of absent.
            foreach (var step in Steps)
            {
                _stepFailures.WithLabels(labels[0], labels[1], step);
            }

            _cycles.WithLabels(labels);
        }

        SetPhase(labels[0], labels[1], pvm.Status?.Phase?.ToString());

        if (pvm.Status?.LatestCommittedImage is { PointInTime: { } pointInTime } image)
        {
            var at = new DateTimeOffset(DateTime.SpecifyKind(pointInTime, DateTimeKind.Utc));
            _committedSequence.WithLabels(labels).Set(image.Sequence);
            _committedTimestamp.WithLabels(labels).Set(at.ToUnixTimeMilliseconds() / 1000.0);
            if (!_disposed)
            {
                _pointsInTime[(labels[0], labels[1])] = at;
                RpoSeries((labels[0], labels[1])).Set(Math.Max(0, (_timeProvider.GetUtcNow() - at).TotalSeconds));
            }
        }
    }

    /// <summary>Records a created snapshot.</summary>
    /// <param name="pvm">The ProtectedVM.</param>
    /// <param name="duration">The creation time seen by the operator.</param>
    /// <param name="taskDuration">The host's CreateSnapshot_Task time, when it reported start and completion.</param>
    /// <param name="deltaBytes">The running delta layer's size at the snapshot, when known.</param>
    public void SnapshotCreated(ProtectedVM pvm, TimeSpan duration, TimeSpan? taskDuration, long? deltaBytes)
    {
        var labels = LabelsOf(pvm);
        _snapshotDuration.WithLabels(labels[0]).Observe(duration.TotalSeconds);
        if (taskDuration is { } task)
        {
            var seconds = Math.Max(0, task.TotalSeconds);
            _snapshotTaskDuration.WithLabels(labels[0]).Observe(seconds);
            _snapshotTaskLastDuration.WithLabels(labels).Set(seconds);
        }

        if (deltaBytes is { } bytes)
        {
            _snapshotDeltaBytes.WithLabels(labels).Set(bytes);
        }
    }

    /// <summary>Records the ship and merge of a committed image.</summary>
    /// <param name="pvm">The ProtectedVM.</param>
    /// <param name="outcome">The merge outcome.</param>
    public void ImageCommitted(ProtectedVM pvm, MergeOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var labels = LabelsOf(pvm);
        var @namespace = labels[0];
        _shipDuration.WithLabels(@namespace).Observe(outcome.ShipSeconds);
        _shipBytes.WithLabels(@namespace).Inc(outcome.DeltaBytes);
        _mergeDuration.WithLabels(@namespace).Observe(outcome.MergeSeconds);
        _mergeLastDuration.WithLabels(labels).Set(outcome.MergeSeconds);
        _mergeBytes.WithLabels(@namespace).Inc(outcome.DeltaBytes);
        _mergeNewChunkBytes.WithLabels(@namespace).Inc(outcome.NewChunkBytes);
    }

    /// <summary>Records the repository's size after retention.</summary>
    /// <param name="pvm">The ProtectedVM.</param>
    /// <param name="usage">The measured sizes.</param>
    public void RepositoryMeasured(ProtectedVM pvm, RepositoryUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var labels = LabelsOf(pvm);
        _repositoryLogical.WithLabels(labels).Set(usage.LogicalBytes);
        _repositoryStored.WithLabels(labels).Set(usage.StoredBytes);
    }

    /// <summary>Records a completed cycle.</summary>
    /// <param name="pvm">The ProtectedVM.</param>
    /// <param name="cycle">The cycle; its start gives the duration.</param>
    public void CycleCompleted(ProtectedVM pvm, CycleProgress cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var labels = LabelsOf(pvm);
        _cycles.WithLabels(labels).Inc();
        if (cycle.StartedTime is { } started)
        {
            var seconds = Math.Max(0, (_timeProvider.GetUtcNow() - new DateTimeOffset(DateTime.SpecifyKind(started, DateTimeKind.Utc))).TotalSeconds);
            _cycleDuration.WithLabels(labels[0]).Observe(seconds);
            _cycleLastDuration.WithLabels(labels).Set(seconds);
        }
    }

    /// <summary>Records a failed attempt of a cycle step.</summary>
    /// <param name="pvm">The ProtectedVM.</param>
    /// <param name="step">The step that failed.</param>
    public void StepFailed(ProtectedVM pvm, CycleStep step)
    {
        var labels = LabelsOf(pvm);
        _stepFailures.WithLabels(labels[0], labels[1], step.ToString()).Inc();
    }

    /// <summary>Records a RecoveryImage marked Failed.</summary>
    /// <param name="namespace">The image's namespace.</param>
    /// <param name="reason">The Committed condition's reason.</param>
    public void ImageFailed(string? @namespace, string reason) => _imageFailures.WithLabels(@namespace ?? "", reason).Inc();

    /// <summary>
    /// Drops every per-VM series of a deleted ProtectedVM by its label values (no scan of the other VMs' series). The
    /// namespace series (histograms, byte counters) keep the VM's past observations.
    /// </summary>
    /// <param name="pvm">The deleted ProtectedVM.</param>
    public void Deleted(ProtectedVM pvm)
    {
        var labels = LabelsOf(pvm);
        _pointsInTime.TryRemove((labels[0], labels[1]), out _);
        _rpoSeries.TryRemove((labels[0], labels[1]), out _);
        Gauge[] perVm =
        [
            _rpo, _rpoTarget, _interval, _committedSequence, _committedTimestamp, _snapshotTaskLastDuration, _snapshotDeltaBytes,
            _mergeLastDuration, _cycleLastDuration, _repositoryLogical, _repositoryStored,
        ];
        foreach (var gauge in perVm)
        {
            gauge.RemoveLabelled(labels);
        }

        _cycles.RemoveLabelled(labels);
        foreach (var step in Steps)
        {
            _stepFailures.RemoveLabelled(labels[0], labels[1], step);
        }

        foreach (var phase in Phases)
        {
            _phase.RemoveLabelled(labels[0], labels[1], phase);
        }
    }

    /// <summary>Records one heartbeat probe of a host.</summary>
    /// <param name="endpoint">The endpoint's namespace/name.</param>
    /// <param name="previous">The host's state before the probe.</param>
    /// <param name="current">The host's state after it.</param>
    public void HeartbeatObserved(string endpoint, HostHeartbeat previous, HostHeartbeat current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        _heartbeats.WithLabels(endpoint, current.Name).Inc();
        var misses = _heartbeatMisses.WithLabels(endpoint, current.Name);
        if (current.ConsecutiveMisses > previous.ConsecutiveMisses)
        {
            misses.Inc();
        }

        _consecutiveMisses.WithLabels(endpoint, current.Name).Set(current.ConsecutiveMisses);
        _hostFailed.WithLabels(endpoint, current.Name).Set(current.Failed ? 1 : 0);
        var state = current.ConnectionState.ToString();
        foreach (var name in States)
        {
            _hostState.WithLabels(endpoint, current.Name, name).Set(name == state ? 1 : 0);
        }

        if (current.LastHeartbeat is { } last)
        {
            _lastHeartbeat.WithLabels(endpoint, current.Name).Set(last.ToUnixTimeMilliseconds() / 1000.0);
        }
    }

    /// <summary>Drops the series of a host no longer watched.</summary>
    /// <param name="endpoint">The endpoint's namespace/name.</param>
    /// <param name="host">The host name.</param>
    public void HostRemoved(string endpoint, string host)
    {
        foreach (var collector in new Collector[] { _heartbeats, _heartbeatMisses, _consecutiveMisses, _hostState, _hostFailed, _lastHeartbeat })
        {
            SeriesRemoval.RemoveWhere(collector, values => values[0] == endpoint && values[1] == host);
        }
    }

    /// <summary>Records the start of a failover; pair it with <see cref="FailoverCompleted"/>.</summary>
    /// <param name="type">The failover type.</param>
    public void FailoverStarted(FailoverType type) => _failoversInProgress.WithLabels(type.ToString()).Inc();

    /// <summary>
    /// Records a finished failover (call once per Failover reaching Succeeded or Failed, after
    /// <see cref="FailoverStarted"/>): counts it by type and result and observes its detection time and RTO.
    /// </summary>
    /// <param name="type">The failover type.</param>
    /// <param name="succeeded">Whether the recovered VM runs.</param>
    /// <param name="detection">Unplanned failovers: from the host's last heartbeat to the failover's start; null otherwise.</param>
    /// <param name="recoveryTime">From the failure (unplanned) or the request (planned, test) to the VM powered on, or to the failure.</param>
    public void FailoverCompleted(FailoverType type, bool succeeded, TimeSpan? detection, TimeSpan recoveryTime)
    {
        var name = type.ToString();
        _failovers.WithLabels(name, succeeded ? FailoverResults.Succeeded : FailoverResults.Failed).Inc();
        var inProgress = _failoversInProgress.WithLabels(name);
        inProgress.Set(Math.Max(0, inProgress.Value - 1));
        if (detection is { } d)
        {
            _failoverDetection.WithLabels(name).Observe(Math.Max(0, d.TotalSeconds));
        }

        if (succeeded)
        {
            _failoverRto.WithLabels(name).Observe(Math.Max(0, recoveryTime.TotalSeconds));
        }
    }

    /// <summary>Stops updating the RPO gauges (the registry may outlive this instance).</summary>
    public void Dispose()
    {
        _disposed = true;
        _pointsInTime.Clear();
        _rpoSeries.Clear();
    }

    private static HistogramConfiguration Buckets(string[] names, double[] buckets) => new() { LabelNames = names, Buckets = buckets };

    private static string[] LabelsOf(ProtectedVM pvm)
    {
        ArgumentNullException.ThrowIfNull(pvm);
        return [pvm.Metadata.NamespaceProperty ?? "", pvm.Metadata.Name ?? ""];
    }

    /// <summary>Sets the current phase's series to 1 first (no scrape sees the VM without one), then removes the others.</summary>
    private void SetPhase(string @namespace, string name, string? phase)
    {
        if (phase is not null)
        {
            _phase.WithLabels(@namespace, name, phase).Set(1);
        }

        foreach (var other in Phases)
        {
            if (other != phase)
            {
                _phase.RemoveLabelled(@namespace, name, other);
            }
        }
    }

    private void UpdateRecoveryPoints()
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var (key, pointInTime) in _pointsInTime)
        {
            if (pointInTime != DateTimeOffset.MinValue)
            {
                RpoSeries(key).Set(Math.Max(0, (now - pointInTime).TotalSeconds));
            }
        }
    }

    private Gauge.Child RpoSeries((string Namespace, string Name) key) =>
        _rpoSeries.GetOrAdd(key, k => _rpo.WithLabels(k.Namespace, k.Name));
}
