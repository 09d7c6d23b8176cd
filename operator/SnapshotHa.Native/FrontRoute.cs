namespace SnapshotHa.Native;

/// <summary>Who runs a command line given to the native <c>snapshotha</c>.</summary>
public enum FrontRoute
{
    /// <summary>This binary: <c>merge</c>, <c>repo</c>, <c>--version</c>.</summary>
    InProcess,

    /// <summary>The managed operator executable, replacing this process (<c>execv</c>).</summary>
    Operator,

    /// <summary>The command needs the managed operator, which does not exist: a usage error naming the path.</summary>
    OperatorMissing,
}
