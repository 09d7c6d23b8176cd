namespace SnapshotHa.Kube.Tests.TestKit;

/// <summary>Tests against the in-process API server run one at a time: they start servers, hosts and timers.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SandboxCollection
{
    public const string Name = "Sandbox API server";
}
