using System.Globalization;
using SnapshotHa.Kube.Hosting;

namespace SnapshotHa.Operator.Hosting;

/// <summary>
/// The settings the Helm chart passes to <c>snapshotha operator</c> as environment variables
/// (charts/snapshot-ha/templates/deployment.yaml). A command-line option, when given, wins over its variable.
/// </summary>
/// <param name="PodNamespace"><c>POD_NAMESPACE</c>: the namespace of the leader-election Lease; null when unset.</param>
/// <param name="PodName"><c>POD_NAME</c>: this instance's identity in the Lease; null when unset.</param>
/// <param name="HttpPort"><c>ASPNETCORE_HTTP_PORTS</c> (its first port): where probes and metrics listen; null when unset.</param>
/// <param name="LeaderElection"><c>SNAPSHOTHA_LEADER_ELECTION</c> (<c>true</c>/<c>false</c>); null when unset.</param>
/// <param name="WatchNamespace"><c>SNAPSHOTHA_WATCH_NAMESPACE</c>: the only namespace watched; null when unset or empty (all).</param>
public sealed record OperatorEnvironment(string? PodNamespace, string? PodName, int? HttpPort, bool? LeaderElection, string? WatchNamespace)
{
    /// <summary>Gets the probe and metrics URL from <see cref="HttpPort"/> (all interfaces), or null.</summary>
    public string? HealthListenUrl => HttpPort is { } port ? string.Create(CultureInfo.InvariantCulture, $"http://0.0.0.0:{port}") : null;

    /// <summary>Reads the variables.</summary>
    /// <param name="variable">Returns a variable's value or null, e.g. <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    /// <returns>The settings found.</returns>
    /// <exception cref="FormatException">A variable has a value that is not understood; the message names it.</exception>
    public static OperatorEnvironment Read(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return new OperatorEnvironment(
            NonEmpty(variable("POD_NAMESPACE")),
            NonEmpty(variable("POD_NAME")),
            ParsePort(NonEmpty(variable("ASPNETCORE_HTTP_PORTS"))),
            ParseBool("SNAPSHOTHA_LEADER_ELECTION", NonEmpty(variable("SNAPSHOTHA_LEADER_ELECTION"))),
            NonEmpty(variable("SNAPSHOTHA_WATCH_NAMESPACE")));
    }

    /// <summary>Applies the variables that were set to the controller runtime settings.</summary>
    /// <param name="settings">The settings to change.</param>
    public void ApplyTo(OperatorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (LeaderElection is { } elect)
        {
            settings.LeaderElectionType = elect ? LeaderElectionType.Single : LeaderElectionType.None;
        }

        settings.Namespace = WatchNamespace ?? settings.Namespace;
        settings.LeaderElectionNamespace = PodNamespace ?? settings.LeaderElectionNamespace;
        settings.LeaderElectionIdentity = PodName ?? settings.LeaderElectionIdentity;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static int? ParsePort(string? ports)
    {
        if (ports is null)
        {
            return null;
        }

        var first = ports.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? port
            : throw new FormatException($"ASPNETCORE_HTTP_PORTS must be a port number 1..65535 (or a ';'-separated list of them), got '{ports}'");
    }

    private static bool? ParseBool(string name, string? value) => value?.ToUpperInvariant() switch
    {
        null => null,
        "TRUE" or "1" or "YES" => true,
        "FALSE" or "0" or "NO" => false,
        _ => throw new FormatException($"{name} must be true or false, got '{value}'"),
    };
}
