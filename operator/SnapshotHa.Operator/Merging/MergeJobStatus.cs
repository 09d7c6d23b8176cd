using k8s.Models;

namespace SnapshotHa.Operator.Merging;

/// <summary>Reads a Job's terminal conditions (Complete, Failed) the way the Job controller sets them.</summary>
public static class MergeJobStatus
{
    /// <summary>The condition type of a Job that succeeded.</summary>
    public const string Complete = "Complete";

    /// <summary>The condition type of a Job that failed for good.</summary>
    public const string Failed = "Failed";

    /// <summary>Returns whether <paramref name="job"/> has condition Complete=True.</summary>
    /// <param name="job">The Job.</param>
    public static bool IsComplete(V1Job job) => Condition(job, Complete) is not null;

    /// <summary>Returns the Failed=True condition of <paramref name="job"/>, or null when it has not failed.</summary>
    /// <param name="job">The Job.</param>
    public static V1JobCondition? Failure(V1Job job) => Condition(job, Failed);

    private static V1JobCondition? Condition(V1Job job, string type)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.Status?.Conditions?.FirstOrDefault(c => c.Type == type && c.Status == "True");
    }
}
