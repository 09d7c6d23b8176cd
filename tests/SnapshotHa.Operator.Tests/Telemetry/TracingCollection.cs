namespace SnapshotHa.Operator.Tests.Telemetry;

/// <summary>Tests that listen to the operator's ActivitySource run one at a time (a listener sees every test's spans).</summary>
[CollectionDefinition(Name)]
public sealed class TracingCollection
{
    public const string Name = "Tracing";
}
