namespace SnapshotHa.Operator.Merging;

/// <summary>A merge Job failed; the message carries the Job's failure reason and message. The next attempt creates a new Job.</summary>
public sealed class MergeJobFailedException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="MergeJobFailedException"/> class.</summary>
    public MergeJobFailedException()
        : this("The merge Job failed.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MergeJobFailedException"/> class.</summary>
    /// <param name="message">The message.</param>
    public MergeJobFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MergeJobFailedException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public MergeJobFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MergeJobFailedException"/> class for a failed Job.</summary>
    /// <param name="jobName">The Job's namespace/name.</param>
    /// <param name="reason">The Failed condition's reason, e.g. BackoffLimitExceeded or DeadlineExceeded.</param>
    /// <param name="detail">The Failed condition's message.</param>
    public MergeJobFailedException(string jobName, string reason, string? detail)
        : base($"Merge Job {jobName} failed ({reason}){(string.IsNullOrEmpty(detail) ? "" : $": {detail}")}")
    {
        JobName = jobName;
        Reason = reason;
    }

    /// <summary>Gets the Job's namespace/name.</summary>
    public string? JobName { get; }

    /// <summary>Gets the Failed condition's reason.</summary>
    public string? Reason { get; }
}
