using System.Xml.Linq;
using SnapshotHa.Vim.Faults;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Tasks;

/// <summary>The state of a task (<c>TaskInfo</c>).</summary>
/// <param name="Task">The task.</param>
/// <param name="Name">Method name, e.g. <c>CreateSnapshot</c>.</param>
/// <param name="DescriptionId">Description key, e.g. <c>VirtualMachine.createSnapshot</c>.</param>
/// <param name="Entity">The object the task works on.</param>
/// <param name="State">Queued, running, success or error.</param>
/// <param name="Progress">Percent done while running, when reported.</param>
/// <param name="Result">The result value element on success (e.g. a managed object reference).</param>
/// <param name="Error">The fault when the task failed.</param>
/// <param name="QueueTime">When the task was queued.</param>
/// <param name="StartTime">When it started.</param>
/// <param name="CompleteTime">When it finished.</param>
public sealed record TaskInfo(
    ManagedObjectReference Task,
    string? Name,
    string? DescriptionId,
    ManagedObjectReference? Entity,
    TaskState State,
    int? Progress,
    XElement? Result,
    VimFaultException? Error,
    DateTimeOffset? QueueTime,
    DateTimeOffset? StartTime,
    DateTimeOffset? CompleteTime)
{
    /// <summary>Gets whether the task has finished (success or error).</summary>
    public bool IsCompleted => State is TaskState.Success or TaskState.Error;

    /// <summary>Gets the result as a managed object reference, or null when it is not one.</summary>
    public ManagedObjectReference? ResultReference =>
        Result?.Attribute("type") is not null ? Result.ToMoref() : null;

    /// <summary>Parses a <c>TaskInfo</c> element.</summary>
    /// <exception cref="VimProtocolException">The element lacks <c>task</c> or <c>state</c>.</exception>
    public static TaskInfo Parse(XElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        var task = element.MorefChild("task") ?? throw new VimProtocolException("TaskInfo has no 'task'.");
        var state = element.Text("state") switch
        {
            "queued" => TaskState.Queued,
            "running" => TaskState.Running,
            "success" => TaskState.Success,
            "error" => TaskState.Error,
            var other => throw new VimProtocolException($"TaskInfo state '{other}' is unknown."),
        };
        var name = element.Text("name");
        var error = element.Child("error") is { } e
            ? VimFaults.FromLocalizedMethodFault(e, $"Task {task.Value} ({name ?? element.Text("descriptionId")})")
            : null;
        if (error is not null)
        {
            error.FailedTask = task;
        }

        return new TaskInfo(
            task,
            name,
            element.Text("descriptionId"),
            element.MorefChild("entity"),
            state,
            element.Int("progress"),
            element.Child("result"),
            error,
            element.Time("queueTime"),
            element.Time("startTime"),
            element.Time("completeTime"));
    }
}
