using SnapshotHa.Operator.Merging;

namespace SnapshotHa.Operator.Tests.EndToEnd;

/// <summary>The in-process merge, failing every attempt while <see cref="Held"/> is true: holds cycles in ShippingAndMerging.</summary>
public sealed class HeldMergeExecutor(TimeProvider timeProvider) : IMergeExecutor
{
    private readonly InProcessMergeExecutor _inner = new(timeProvider);
    private volatile bool _held;

    public bool Held
    {
        get => _held;
        set => _held = value;
    }

    public Task<MergeOutcome?> RunAsync(MergeWork work, CancellationToken cancellationToken) =>
        _held ? throw new IOException("Merge held by the test") : _inner.RunAsync(work, cancellationToken);
}
