using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using SnapshotHa.Vim.Faults;

namespace SnapshotHa.Vim.Soap;

/// <summary>
/// Polly retry pipelines for vim25 calls. Reads (idempotent) retry transient faults, timeouts and network errors;
/// writes retry only failures that guarantee the method did not run: transient faults, transient HTTP statuses and
/// connection failures before the request was sent.
/// </summary>
internal sealed class VimRetryPipelines
{
    public VimRetryPipelines(VimConnectionOptions options, TimeProvider time, ILogger logger)
    {
        Read = Build(options, time, logger, idempotent: true);
        Write = Build(options, time, logger, idempotent: false);
    }

    /// <summary>Gets the pipeline for calls without side effects.</summary>
    public ResiliencePipeline Read { get; }

    /// <summary>Gets the pipeline for calls with side effects.</summary>
    public ResiliencePipeline Write { get; }

    /// <summary>Gets whether a failure of a call may be retried.</summary>
    public static bool IsRetryable(Exception exception, bool idempotent) => exception switch
    {
        _ when VimFaults.IsTransient(exception) => true,
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => false,
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } => true,
        HttpRequestException or IOException or TimeoutException => idempotent,
        _ => false,
    };

    /// <summary>
    /// Builds a retry pipeline with the configured attempts and exponential, jittered delays, retrying the
    /// exceptions <paramref name="shouldRetry"/> accepts.
    /// </summary>
    public static ResiliencePipeline Create(
        VimConnectionOptions options, TimeProvider time, Func<Exception, bool> shouldRetry, Action<Exception, int, TimeSpan> onRetry)
    {
        if (options.MaxRetryAttempts == 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && shouldRetry(e)),
                OnRetry = args =>
                {
                    onRetry(args.Outcome.Exception!, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    private static ResiliencePipeline Build(VimConnectionOptions options, TimeProvider time, ILogger logger, bool idempotent) =>
        Create(
            options,
            time,
            e => IsRetryable(e, idempotent),
            (e, attempt, delay) => Log.RetryingCall(logger, attempt, delay, e.Message));
}
