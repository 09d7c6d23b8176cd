using SnapshotHa.Vim.Tasks;

namespace SnapshotHa.Operator.Telemetry;

/// <summary>Keeps the last state of a vSphere task for its host-side duration (pass it as the task's progress).</summary>
public sealed class TaskTiming : IProgress<TaskInfo>
{
    private TaskInfo? _last;

    /// <summary>From the task's start to its completion on the host's clock; null until the host reported both.</summary>
    public TimeSpan? Duration => _last is { StartTime: { } start, CompleteTime: { } complete } ? complete - start : null;

    /// <inheritdoc />
    public void Report(TaskInfo value) => _last = value;
}
