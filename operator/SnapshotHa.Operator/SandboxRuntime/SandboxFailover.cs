using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SnapshotHa.Api.Policies;
using SnapshotHa.Operator.Controllers.Failovers;

namespace SnapshotHa.Operator.SandboxRuntime;

/// <summary>The sandbox's failover settings: more hosts in the simulator, fast checks, a short grace period.</summary>
public static class SandboxFailover
{
    /// <summary>The launcher arguments for the host count (<c>--model vpx --hosts N</c> for more than one host).</summary>
    /// <param name="options">The sandbox settings.</param>
    /// <returns>The arguments, empty for one host.</returns>
    public static IReadOnlyList<string> LauncherArguments(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Hosts > 1 ? ["--model", "vpx", "--hosts", options.Hosts.ToString(CultureInfo.InvariantCulture)] : [];
    }

    /// <summary>The policy's failover settings unless the sandbox options give others: automatic, BestEffort, 2s grace.</summary>
    /// <returns>The settings.</returns>
    public static FailoverPolicySpec DefaultPolicy() => new() { Automatic = true, Fencing = FencingMode.BestEffort, GracePeriod = "2s" };

    /// <summary>Registers fast failure checks (every 500 ms) and retries.</summary>
    /// <param name="services">The operator's services.</param>
    public static void Configure(IServiceCollection services) =>
        services.AddSingleton(new FailoverOptions { CheckInterval = TimeSpan.FromMilliseconds(500), RetryDelay = TimeSpan.FromMilliseconds(500) });
}
