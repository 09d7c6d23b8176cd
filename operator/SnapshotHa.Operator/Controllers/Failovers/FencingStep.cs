using SnapshotHa.Api.Failovers;
using SnapshotHa.Api.Policies;
using SnapshotHa.Operator.Controllers.Endpoints;
using SnapshotHa.Vim;
using SnapshotHa.Vim.Faults;
using SnapshotHa.Vim.VirtualMachines;

namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>
/// Fencing before any activation. When the source VM's host answers (no missed heartbeat, the VM connected), the
/// source is powered off through the API, or found off: fenced. When the host does not answer, the VM's power state
/// is unknown: with <c>fencing: Required</c> the failover waits until the host answers again (then powers the source
/// off) or a person sets <c>spec.fencingConfirmed</c>; with <c>BestEffort</c> it goes on unfenced and the source is
/// powered off as soon as its host answers (<see cref="FenceLateAsync"/>). Test failovers leave the source alone.
/// </summary>
/// <param name="heartbeats">The host heartbeat loops.</param>
public sealed class FencingStep(HeartbeatMonitor heartbeats)
{
    /// <summary>Decides and, where the host answers, powers the source off.</summary>
    /// <param name="context">The failover.</param>
    /// <param name="cancellationToken">Cancels the vSphere calls.</param>
    /// <returns>The decision.</returns>
    public async Task<FencingDecision> RunAsync(FailoverContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failover = context.Failover;
        if (failover.Spec.Type == FailoverType.Test)
        {
            return new FencingDecision(true, true, FailoverConditions.ReasonNotRequired, "A test failover leaves the source running");
        }

        var confirmed = await TryPowerOffAsync(context, cancellationToken);
        if (confirmed is not null)
        {
            return new FencingDecision(true, true, FailoverConditions.ReasonPoweredOff, confirmed);
        }

        if (failover.Spec.FencingConfirmed)
        {
            return new FencingDecision(true, true, FailoverConditions.ReasonConfirmedByUser, "spec.fencingConfirmed is true: a person confirmed that the source is off");
        }

        var source = failover.Status?.SourceVm;
        var where = $"VM {source?.Name} ({source?.Moref}) on host {source?.Host}";
        return context.FailoverPolicy.Fencing == FencingMode.BestEffort
            ? new FencingDecision(
                true, false, FailoverConditions.ReasonUnconfirmed, $"The host of {where} does not answer; fencing is BestEffort, so the failover goes on and the source is powered off once its host answers")
            : new FencingDecision(
                false, false, FailoverConditions.ReasonAwaitingConfirmation, $"The host of {where} does not answer; fencing is Required: waiting until it answers or spec.fencingConfirmed is set");
    }

    /// <summary>After an unfenced BestEffort failover: powers the source off once its host answers.</summary>
    /// <param name="context">The failover.</param>
    /// <param name="cancellationToken">Cancels the vSphere calls.</param>
    /// <returns>The confirmation message, or null while the host still does not answer.</returns>
    public Task<string?> FenceLateAsync(FailoverContext context, CancellationToken cancellationToken) => TryPowerOffAsync(context, cancellationToken);

    private async Task<string?> TryPowerOffAsync(FailoverContext context, CancellationToken cancellationToken)
    {
        if (context.Failover.Status?.SourceVm?.Moref is not { } moref)
        {
            return "The failover has no source VM";
        }

        var vm = new ManagedObjectReference("VirtualMachine", moref);
        VirtualMachineFacts facts;
        try
        {
            facts = await context.Vim.VirtualMachines.GetFactsAsync(vm, cancellationToken);
        }
        catch (ManagedObjectNotFoundException)
        {
            return $"Source VM {moref} no longer exists";
        }

        var heartbeat = facts.Host is { } host ? heartbeats.Host(context.EndpointKey, host.Value) : null;
        var answers = facts.ConnectionState is null or "connected" && heartbeat is not { ConsecutiveMisses: > 0 };
        if (!answers)
        {
            return null;
        }

        if (facts.PowerState == VirtualMachinePowerState.PoweredOff)
        {
            return $"vSphere reports source VM {facts.Name} ({moref}) powered off";
        }

        try
        {
            await context.Vim.VirtualMachines.PowerOffAsync(vm, null, cancellationToken);
        }
        catch (InvalidPowerStateException)
        {
            // Powered off meanwhile: confirmed below.
        }
        catch (HostCommunicationException)
        {
            return null;
        }

        var after = await context.Vim.VirtualMachines.GetFactsAsync(vm, cancellationToken);
        return after.PowerState == VirtualMachinePowerState.PoweredOff ? $"Powered off source VM {facts.Name} ({moref})" : null;
    }
}
