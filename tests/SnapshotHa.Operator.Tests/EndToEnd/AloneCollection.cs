namespace SnapshotHa.Operator.Tests.EndToEnd;

/// <summary>
/// Heavy tests (e.g. 100 VMs at once) that run alone after the parallel ones, so that they do not starve the timing of
/// other end-to-end tests on a small machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Alone";
}
