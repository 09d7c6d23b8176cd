namespace SnapshotHa.Vim.Properties;

/// <summary>One answer of a watch (<c>WaitForUpdatesEx</c>): the changes since the previous answer.</summary>
/// <param name="Baseline">
/// True for the first answer after the watch was (re)created, e.g. after a re-login: it starts the full state again
/// (every object enters), so a consumer drops what it held before.
/// </param>
/// <param name="Complete">
/// False when the server truncated the answer (<c>truncated</c>): more of the same state follows in the next batch.
/// A baseline is whole once a batch with <c>Complete</c> arrived.
/// </param>
/// <param name="Updates">The changed objects; empty when the wait ended without changes.</param>
public sealed record PropertyUpdateBatch(bool Baseline, bool Complete, IReadOnlyList<ObjectUpdate> Updates);
