namespace SnapshotHa.Kube.LeaderElection;

/// <summary>Whether this instance currently runs its controllers (leads, or needs no election). Thread-safe.</summary>
public sealed class LeadershipState
{
    private volatile bool _isLeading;

    /// <summary>Raised after <see cref="IsLeading"/> changed, with the new value.</summary>
    public event Action<bool>? Changed;

    /// <summary>Whether this instance leads and its watchers and workers run.</summary>
    public bool IsLeading => _isLeading;

    /// <summary>The identity of the current leader as last observed, if known.</summary>
    public string? CurrentLeader { get; private set; }

    internal void SetLeading(bool leading)
    {
        if (_isLeading == leading)
        {
            return;
        }

        _isLeading = leading;
        Changed?.Invoke(leading);
    }

    internal void SetCurrentLeader(string identity) => CurrentLeader = identity;
}
