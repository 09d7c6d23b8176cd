using SnapshotHa.Api.Policies;
using SnapshotHa.Api.Protection;

namespace SnapshotHa.Operator.SandboxRuntime.Scale;

/// <summary>
/// The scale benchmark on a started sandbox (operator running, workload off): protects every VM, waits until all are
/// Protected while sampling the work queue, waits until the first VMs are due again (one interval after the first
/// create), then measures one steady window (every VM cycles once per interval) and one
/// idle window (policy maxInterval raised to an hour: nothing due). The work-queue depth is sampled every 15 s.
/// </summary>
/// <param name="environment">The sandbox, operator started, no ProtectedVM yet.</param>
/// <param name="probe">Reads the counters.</param>
/// <param name="settings">Sizes and windows.</param>
/// <param name="progress">Receives one line per phase and progress every 10 s.</param>
/// <param name="timeProvider">The clock.</param>
public sealed class ScaleBenchmark(SandboxEnvironment environment, ScaleProbe probe, ScaleSettings settings, TextWriter progress, TimeProvider timeProvider)
{
    private readonly List<double[]> _depths = [];
    private long _start;
    private int _maxDepth;
    private int _lastDepth;

    /// <summary>Runs the benchmark.</summary>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The figures.</returns>
    public async Task<ScaleReport> RunAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var load = ScaleProbe.LoadAverage();
        var initial = await probe.ReadAsync(cancellationToken);
        _start = timeProvider.GetTimestamp();
        await ProtectAllAsync(cancellationToken);
        var protectedCount = await WaitUntilProtectedAsync(cancellationToken);
        var toProtected = timeProvider.GetElapsedTime(_start).TotalSeconds;
        var rampEnd = await probe.ReadAsync(cancellationToken);
        await progress.WriteLineAsync($"scale: {protectedCount}/{settings.Vms} Protected after {toProtected:F1} s; steady window of {settings.Window.TotalSeconds} s");

        // The VMs seeded first come due one interval after the first create: the steady window starts no earlier.
        var untilDue = settings.CycleInterval - timeProvider.GetElapsedTime(_start);
        if (untilDue > TimeSpan.Zero)
        {
            await progress.WriteLineAsync($"scale: waiting {untilDue.TotalSeconds:F0} s until the first VMs are due");
            await SampleAsync(untilDue, cancellationToken);
        }

        var steadyStart = await probe.ReadAsync(cancellationToken);
        await SampleAsync(settings.Window, cancellationToken);
        var steadyEnd = await probe.ReadAsync(cancellationToken);
        var cycles = steadyEnd.CyclesSince(steadyStart);
        var steadyVim = steadyEnd.VimCallsSince(steadyStart);
        var steadyKube = steadyEnd.KubeCallsSince(steadyStart).Where(p => p.Value > 0).ToDictionary(StringComparer.Ordinal);

        await progress.WriteLineAsync($"scale: {cycles} cycles in the steady window; idle window of {settings.Window.TotalSeconds} s");
        await QuietPolicyAsync(cancellationToken);
        await SettleAsync(steadyEnd, cancellationToken);
        var idleStart = await probe.ReadAsync(cancellationToken);
        await Task.Delay(settings.Window, timeProvider, cancellationToken);
        var idleEnd = await probe.ReadAsync(cancellationToken);
        var idleMinutes = (idleEnd.Sandbox.At - idleStart.Sandbox.At).TotalMinutes;
        var steadyMinutes = (steadyEnd.Sandbox.At - steadyStart.Sandbox.At).TotalMinutes;
        var idleVim = idleEnd.VimCallsSince(idleStart);
        var idleKube = idleEnd.KubeCallsSince(idleStart).Where(p => p.Value > 0).ToDictionary(StringComparer.Ordinal);
        return new ScaleReport
        {
            Vms = settings.Vms,
            Hosts = settings.Hosts,
            Workers = environment.Options.Workers ?? 0,
            CycleIntervalSeconds = settings.CycleInterval.TotalSeconds,
            Protected = protectedCount,
            SecondsToAllProtected = Math.Round(toProtected, 1),
            RampReconcileSeconds = [rampEnd.ReconcileQuantileSince(initial, 0.5), rampEnd.ReconcileQuantileSince(initial, 0.99)],
            SteadyReconcileSeconds = [steadyEnd.ReconcileQuantileSince(steadyStart, 0.5), steadyEnd.ReconcileQuantileSince(steadyStart, 0.99)],
            SteadyCycleSeconds = [steadyEnd.CycleQuantileSince(steadyStart, 0.5), steadyEnd.CycleQuantileSince(steadyStart, 0.99)],
            MaxQueueDepth = _maxDepth,
            QueueDepth = _depths,
            SteadyCycles = cycles,
            VimCallsPerVmCycle = cycles > 0 ? steadyVim.Values.Sum() / cycles : 0,
            KubeCallsPerVmCycle = cycles > 0 ? steadyKube.Values.Sum() / cycles : 0,
            VimCallsPerCycleNetOfIdle = NetOfIdle(steadyVim.Values.Sum(), idleVim.Values.Sum() / idleMinutes * steadyMinutes, cycles),
            KubeCallsPerCycleNetOfIdle = NetOfIdle(steadyKube.Values.Sum(), idleKube.Values.Sum() / idleMinutes * steadyMinutes, cycles),
            IdleVimCallsPerVmMinute = idleVim.Values.Sum() / settings.Vms / idleMinutes,
            IdleKubeCallsPerVmMinute = idleKube.Values.Sum() / settings.Vms / idleMinutes,
            IdleVimCalls = idleVim,
            IdleKubeCalls = idleKube,
            SteadyVimCalls = steadyVim,
            SteadyKubeCalls = steadyKube,
            OperatorApart = probe.OperatorApart,
            SteadyCpuPercent = Math.Round(steadyEnd.Operator.CpuPercentSince(steadyStart.Operator), 1),
            IdleCpuPercent = Math.Round(idleEnd.Operator.CpuPercentSince(idleStart.Operator), 1),
            ApiServerSteadyCpuPercent = Math.Round(steadyEnd.Sandbox.CpuPercentSince(steadyStart.Sandbox), 1),
            ApiServerIdleCpuPercent = Math.Round(idleEnd.Sandbox.CpuPercentSince(idleStart.Sandbox), 1),
            ApiServerRssMiB = Math.Round(steadyEnd.Sandbox.RssBytes / 1048576.0, 1),
            SimulatorSteadyCpuPercent = Math.Round(steadyEnd.Simulator.CpuPercentSince(steadyStart.Simulator), 1),
            SteadyRssMiB = Math.Round(steadyEnd.Operator.RssBytes / 1048576.0, 1),
            IdleRssMiB = Math.Round(idleEnd.Operator.RssBytes / 1048576.0, 1),
            PeakRssMiB = Math.Round(idleEnd.Operator.PeakRssBytes / 1048576.0, 1),
            SimulatorRssMiB = Math.Round(steadyEnd.Simulator.RssBytes / 1048576.0, 1),
            LoadAverage = [load, ScaleProbe.LoadAverage()],
        };
    }

    private static double NetOfIdle(double steady, double idleSameTime, double cycles) =>
        cycles > 0 ? Math.Max(0, steady - idleSameTime) / cycles : 0;

    private async Task ProtectAllAsync(CancellationToken cancellationToken)
    {
        var ns = environment.Options.Namespace;
        await Parallel.ForEachAsync(
            environment.Simulator.Ready.Vms,
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (vm, ct) => await environment.Client.CreateAsync(SandboxResources.ProtectedVm(vm, ns), ct));
    }

    private async Task<int> WaitUntilProtectedAsync(CancellationToken cancellationToken)
    {
        var deadline = timeProvider.GetTimestamp();
        var count = 0;
        while (timeProvider.GetElapsedTime(deadline) < settings.ProtectTimeout)
        {
            await SampleAsync(TimeSpan.FromSeconds(15), cancellationToken);
            var all = await environment.Client.ListAsync<ProtectedVM>(environment.Options.Namespace, cancellationToken: cancellationToken);
            count = all.Count(IsProtected);
            await progress.WriteLineAsync($"scale: {count}/{settings.Vms} Protected, queue depth {_lastDepth} at {timeProvider.GetElapsedTime(_start).TotalSeconds:F0} s");
            if (count == settings.Vms)
            {
                break;
            }
        }

        return count;
    }

    private static bool IsProtected(ProtectedVM pvm) =>
        pvm.Status is { Phase: ProtectedVMPhase.Protected, LatestCommittedImage: not null } status
        && status.Conditions?.Any(c => c.Type == ProtectedVMConditions.Ready && c.Status == "True") == true;

    private async Task SampleAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        // Every 15 s (a usual Prometheus scrape interval): /metrics at 2,000 VMs is large, and each scrape costs the operator CPU.
        var until = timeProvider.GetTimestamp();
        while (timeProvider.GetElapsedTime(until) < duration)
        {
            _lastDepth = await probe.QueueDepthAsync(cancellationToken);
            _maxDepth = Math.Max(_maxDepth, _lastDepth);
            _depths.Add([Math.Round(timeProvider.GetElapsedTime(_start).TotalSeconds), _lastDepth]);
            await Task.Delay(TimeSpan.FromSeconds(15), timeProvider, cancellationToken);
        }
    }

    private async Task QuietPolicyAsync(CancellationToken cancellationToken)
    {
        var policy = await environment.Client.GetAsync<SnapshotPolicy>(SandboxResources.PolicyName, environment.Options.Namespace, cancellationToken)
            ?? throw new InvalidOperationException($"SnapshotPolicy {SandboxResources.PolicyName} is gone");
        policy.Spec.Schedule.MaxInterval = "1h";
        policy.Spec.RpoTarget = "2h";
        await environment.Client.UpdateAsync(policy, cancellationToken);
    }

    private async Task SettleAsync(ScaleReading steadyEnd, CancellationToken cancellationToken)
    {
        // Cycles already started finish and the wake-ups of the policy change are worked off; then no cycle completes
        // for a while and no key waits for a worker.
        var last = steadyEnd;
        for (var round = 0; round < 30; round++)
        {
            await Task.Delay(TimeSpan.FromSeconds(5), timeProvider, cancellationToken);
            var now = await probe.ReadAsync(cancellationToken);
            if (now.CyclesSince(last) == 0 && await probe.QueueDepthAsync(cancellationToken) == 0)
            {
                return;
            }

            last = now;
        }
    }
}
