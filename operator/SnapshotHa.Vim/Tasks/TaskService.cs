using Microsoft.Extensions.Logging;
using Polly;
using SnapshotHa.Vim.Faults;
using SnapshotHa.Vim.Properties;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Tasks;

/// <summary>
/// Follows vSphere tasks with WaitForUpdatesEx: reports progress, returns the final <see cref="TaskInfo"/> on success
/// and throws the task's fault as a typed <see cref="VimFaultException"/> on error.
/// </summary>
public sealed class TaskService
{
    private readonly VimInvoker _invoker;
    private readonly PropertyCollector _properties;
    private readonly VimConnectionOptions _options;
    private readonly ResiliencePipeline _taskRetry;
    private readonly TimeProvider _time;

    internal TaskService(VimInvoker invoker, PropertyCollector properties, VimConnectionOptions options, TimeProvider time, ILogger logger)
    {
        _invoker = invoker;
        _properties = properties;
        _options = options;
        _time = time;
        _taskRetry = VimRetryPipelines.Create(
            options,
            time,
            e => e is VimFaultException { FailedTask: not null } && VimFaults.IsTransient(e),
            (e, _, delay) => Log.RetryingTask(logger, e.Message, delay));
    }

    /// <summary>Reads a task's current state once.</summary>
    public async Task<TaskInfo> GetInfoAsync(ManagedObjectReference task, CancellationToken cancellationToken)
    {
        var content = await _properties.RetrieveObjectAsync(task, ["info"], cancellationToken);
        return TaskInfo.Parse(content["info"] ?? throw new VimProtocolException($"Task {task.Value} has no info."));
    }

    /// <summary>
    /// Waits until the task finishes, reporting every state it passes through (queued, running with progress, final).
    /// </summary>
    /// <param name="task">The task.</param>
    /// <param name="progress">Receives each observed state; may be null.</param>
    /// <param name="cancellationToken">Stops waiting (the task itself keeps running; see <see cref="CancelAsync"/>).</param>
    /// <returns>The final state of a successful task.</returns>
    /// <exception cref="VimFaultException">The task failed; the subtype names the fault.</exception>
    /// <exception cref="TimeoutException">The task did not finish within the task timeout.</exception>
    public async Task<TaskInfo> WaitAsync(ManagedObjectReference task, IProgress<TaskInfo>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        using var timeout = new CancellationTokenSource(_options.TaskTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await foreach (var update in _properties.WatchAsync(PropertyFilterSpec.ForObject(task, "info"), linked.Token))
            {
                var value = update.Changes.FirstOrDefault(c => c.Name == "info")?.Value;
                if (value is null)
                {
                    continue;
                }

                var info = TaskInfo.Parse(value);
                progress?.Report(info);
                if (info.Error is { } error)
                {
                    throw error;
                }

                if (info.IsCompleted)
                {
                    return info;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Task {task.Value} did not finish within {_options.TaskTimeout}.");
        }

        throw new VimProtocolException($"The watch of task {task.Value} ended early.");
    }

    /// <summary>Asks the server to cancel a task (only cancelable tasks stop).</summary>
    public Task CancelAsync(ManagedObjectReference task, CancellationToken cancellationToken) =>
        _invoker.InvokeVoidAsync(VimXml.Element("CancelTask", VimXml.Moref("_this", task)), idempotent: true, cancellationToken);

    /// <summary>
    /// Starts a task method and waits for it; a task that fails with a transient fault (a busy object, a locked file)
    /// had no effect and is started again.
    /// </summary>
    internal async Task<TaskInfo> RunAsync(
        System.Xml.Linq.XElement request, IProgress<TaskInfo>? progress, CancellationToken cancellationToken) =>
        await _taskRetry.ExecuteAsync(
            async token =>
            {
                var task = await _invoker.InvokeForReferenceAsync(request, idempotent: false, token);
                return await WaitAsync(task, progress, token);
            },
            cancellationToken);
}
