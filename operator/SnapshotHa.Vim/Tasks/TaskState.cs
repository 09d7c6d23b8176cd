namespace SnapshotHa.Vim.Tasks;

/// <summary>The state of a vSphere task (<c>TaskInfoState</c>).</summary>
public enum TaskState
{
    /// <summary>Waiting to run.</summary>
    Queued,

    /// <summary>Running; <see cref="TaskInfo.Progress"/> may tell how far.</summary>
    Running,

    /// <summary>Finished successfully; <see cref="TaskInfo.Result"/> holds the result.</summary>
    Success,

    /// <summary>Failed; <see cref="TaskInfo.Error"/> holds the fault.</summary>
    Error,
}
