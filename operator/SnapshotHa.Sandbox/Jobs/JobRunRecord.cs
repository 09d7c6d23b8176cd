namespace SnapshotHa.Sandbox.Jobs;

/// <summary>A Job the runner started running.</summary>
/// <param name="Namespace">The Job's namespace.</param>
/// <param name="Name">The Job's name.</param>
/// <param name="Uid">The Job's uid.</param>
public sealed record JobRunRecord(string Namespace, string Name, string Uid);
