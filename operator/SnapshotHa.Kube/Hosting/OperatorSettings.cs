namespace SnapshotHa.Kube.Hosting;

/// <summary>
/// Settings of the operator runtime, configured in <c>services.AddKubernetesOperator(settings => …)</c>.
/// Names follow KubeOps' <c>OperatorSettings</c> where KubeOps has the setting.
/// </summary>
public sealed record OperatorSettings
{
    /// <summary>The operator name: lease name prefix, event source, metrics label. Default <c>snapshotha</c>.</summary>
    public string Name { get; set; } = "snapshotha";

    /// <summary>The namespace to watch, or null for all namespaces.</summary>
    public string? Namespace { get; set; }

    /// <summary>Whether instances elect a leader on a Lease; only the leader watches and reconciles.</summary>
    public LeaderElectionType LeaderElectionType { get; set; } = LeaderElectionType.None;

    /// <summary>How long a lease is valid without renewal (15 s, controller-runtime's default).</summary>
    public TimeSpan LeaderElectionLeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps trying to renew before it gives up leadership (10 s).</summary>
    public TimeSpan LeaderElectionRenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The interval between acquire and renew attempts (2 s).</summary>
    public TimeSpan LeaderElectionRetryPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The namespace of the Lease; default the pod's namespace (POD_NAMESPACE, service account, default).</summary>
    public string? LeaderElectionNamespace { get; set; }

    /// <summary>This instance's identity in the Lease; default the host name plus a random suffix.</summary>
    public string? LeaderElectionIdentity { get; set; }

    /// <summary>Whether registered finalizers are added to every entity before it is reconciled.</summary>
    public bool AutoAttachFinalizers { get; set; } = true;

    /// <summary>Whether a finalizer is removed from the entity after it finalized successfully.</summary>
    public bool AutoDetachFinalizers { get; set; } = true;

    /// <summary>Which watch events trigger a reconciliation.</summary>
    public ReconcileStrategy ReconcileStrategy { get; set; } = ReconcileStrategy.ByGeneration;

    /// <summary>Concurrent reconciliations per controller (distinct keys only). Default 2.</summary>
    public int MaxConcurrentReconciles { get; set; } = 2;

    /// <summary>
    /// Server-side watch timeout; each watch asks for a random value between this and twice this (client-go's
    /// reflector behaviour) so instances do not reconnect in step. Default 5 minutes.
    /// </summary>
    public TimeSpan WatchTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The first delay after a failed list or watch; doubles per consecutive failure. Default 1 s.</summary>
    public TimeSpan WatchRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The cap of the list/watch retry delay. Default 30 s.</summary>
    public TimeSpan WatchRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <c>/healthz</c> fails when a watch loop made no progress (no list, event, bookmark or reconnect) for this
    /// long. Must exceed twice <see cref="WatchTimeout"/>. Default 15 minutes.
    /// </summary>
    public TimeSpan WatchStallTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The first retry delay of a failed reconciliation; doubles per failure. Default 1 s.</summary>
    public TimeSpan ReconcileRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The cap of the reconciliation retry delay. Default 5 minutes.</summary>
    public TimeSpan ReconcileRetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(Name), nameof(Name), "must not be empty");
        Require(MaxConcurrentReconciles is >= 1 and <= 256, nameof(MaxConcurrentReconciles), "must be 1..256");
        Require(WatchTimeout >= TimeSpan.FromSeconds(1), nameof(WatchTimeout), "must be at least 1 s");
        Require(WatchRetryBaseDelay > TimeSpan.Zero, nameof(WatchRetryBaseDelay), "must be positive");
        Require(WatchRetryMaxDelay >= WatchRetryBaseDelay, nameof(WatchRetryMaxDelay), "must be >= WatchRetryBaseDelay");
        Require(WatchStallTimeout > WatchTimeout * 2, nameof(WatchStallTimeout), "must exceed twice WatchTimeout");
        Require(ReconcileRetryBaseDelay > TimeSpan.Zero, nameof(ReconcileRetryBaseDelay), "must be positive");
        Require(
            ReconcileRetryMaxDelay >= ReconcileRetryBaseDelay,
            nameof(ReconcileRetryMaxDelay),
            "must be >= ReconcileRetryBaseDelay");
        if (LeaderElectionType == LeaderElectionType.Single)
        {
            Require(LeaderElectionRetryPeriod > TimeSpan.Zero, nameof(LeaderElectionRetryPeriod), "must be positive");
            Require(
                LeaderElectionRenewDeadline > LeaderElectionRetryPeriod,
                nameof(LeaderElectionRenewDeadline),
                "must exceed LeaderElectionRetryPeriod");
            Require(
                LeaderElectionLeaseDuration > LeaderElectionRenewDeadline,
                nameof(LeaderElectionLeaseDuration),
                "must exceed LeaderElectionRenewDeadline");
        }
    }

    private static void Require(bool condition, string setting, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"OperatorSettings.{setting} {rule}.", setting);
        }
    }
}
