using SnapshotHa.Kube.Hosting;
using SnapshotHa.Operator.Hosting;

namespace SnapshotHa.Operator.Tests.Hosting;

public sealed class OperatorEnvironmentTests
{
    [Fact]
    public void The_charts_environment_maps_to_the_listen_url_and_the_runtime_settings()
    {
        var variables = new Dictionary<string, string>
        {
            ["POD_NAMESPACE"] = "snapshot-ha-system",
            ["POD_NAME"] = "snapshot-ha-7d9c-abcde",
            ["ASPNETCORE_HTTP_PORTS"] = "8080",
            ["SNAPSHOTHA_LEADER_ELECTION"] = "true",
            ["SNAPSHOTHA_WATCH_NAMESPACE"] = "prod-vms",
        };
        var environment = OperatorEnvironment.Read(variables.GetValueOrDefault);
        var settings = new OperatorSettings();

        environment.ApplyTo(settings);

        environment.HealthListenUrl.Should().Be("http://0.0.0.0:8080");
        settings.LeaderElectionType.Should().Be(LeaderElectionType.Single);
        settings.Namespace.Should().Be("prod-vms");
        settings.LeaderElectionNamespace.Should().Be("snapshot-ha-system");
        settings.LeaderElectionIdentity.Should().Be("snapshot-ha-7d9c-abcde");
    }

    [Fact]
    public void Unset_or_empty_variables_leave_the_defaults()
    {
        var variables = new Dictionary<string, string> { ["SNAPSHOTHA_WATCH_NAMESPACE"] = "", ["SNAPSHOTHA_LEADER_ELECTION"] = "false" };
        var environment = OperatorEnvironment.Read(variables.GetValueOrDefault);
        var settings = new OperatorSettings { LeaderElectionType = LeaderElectionType.Single };

        environment.ApplyTo(settings);

        environment.HealthListenUrl.Should().BeNull();
        settings.LeaderElectionType.Should().Be(LeaderElectionType.None, "the chart's leaderElection.enabled=false turns it off");
        settings.Namespace.Should().BeNull("an empty watchNamespace watches all namespaces");
        settings.LeaderElectionNamespace.Should().BeNull();
        settings.LeaderElectionIdentity.Should().BeNull();
    }

    [Theory]
    [InlineData("ASPNETCORE_HTTP_PORTS", "http")]
    [InlineData("ASPNETCORE_HTTP_PORTS", "70000")]
    [InlineData("SNAPSHOTHA_LEADER_ELECTION", "sometimes")]
    public void A_value_that_is_not_understood_is_refused_naming_the_variable(string name, string value)
    {
        var variables = new Dictionary<string, string> { [name] = value };

        var read = () => OperatorEnvironment.Read(variables.GetValueOrDefault);

        read.Should().Throw<FormatException>().WithMessage($"*{name}*{value}*");
    }

    [Fact]
    public void The_first_of_several_ports_is_used()
    {
        var environment = OperatorEnvironment.Read(new Dictionary<string, string> { ["ASPNETCORE_HTTP_PORTS"] = "9090;9091" }.GetValueOrDefault);

        environment.HealthListenUrl.Should().Be("http://0.0.0.0:9090");
    }
}
