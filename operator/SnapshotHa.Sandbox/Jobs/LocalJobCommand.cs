namespace SnapshotHa.Sandbox.Jobs;

/// <summary>A Job's container as a local process.</summary>
/// <param name="FileName">The executable.</param>
/// <param name="Arguments">The arguments, mount paths rewritten to local directories.</param>
/// <param name="Environment">The container's environment variables, references resolved.</param>
/// <param name="WorkingDirectory">The process's working directory.</param>
public sealed record LocalJobCommand(
    string FileName, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment, string WorkingDirectory);
