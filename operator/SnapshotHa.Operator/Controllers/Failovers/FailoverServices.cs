using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>Registers failure detection and the failover steps.</summary>
public static class FailoverServices
{
    /// <summary>Adds the detector, the failure watch (a hosted service), the gate and the failover steps.</summary>
    /// <param name="services">The service collection.</param>
    public static void Add(IServiceCollection services)
    {
        services.TryAddSingleton(new FailoverOptions());
        services.AddSingleton<FailureDetector>();
        services.AddSingleton<VmStateWatch>();
        services.AddSingleton<FailoverGate>();
        services.AddSingleton<FailoverOutcomes>();
        services.AddSingleton<FencingStep>();
        services.AddSingleton<RecoveryTargets>();
        services.AddSingleton<ImageUploader>();
        services.AddSingleton<RestoreStep>();
        services.AddSingleton<FinalImageStep>();
        services.AddSingleton<StandbyActivation>();
        services.AddSingleton<FailureWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<FailureWatch>());
        services.AddSingleton<Standbys.StandbyRefresher>();
        services.AddHostedService<Standbys.StandbyWatch>();
    }
}
