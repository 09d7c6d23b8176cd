using SnapshotHa.Api.Policies;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Client;
using SnapshotHa.Kube.Watching;
using SnapshotHa.Operator.Controllers.Endpoints;
using SnapshotHa.Vim;
using SnapshotHa.Vim.VirtualMachines;

namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>
/// The lookups of one round of <see cref="FailureWatch"/>, shared by every ProtectedVM: policies from the watch cache,
/// each endpoint's session resolved once, and the state of every watched VM of an endpoint taken from the endpoint's
/// inventory watch (<see cref="VmStateWatch"/>), or, while that holds no whole and fresh state, read in one property
/// retrieval (<see cref="FailureWatchStates"/>). A round then costs no vim25 call (one per endpoint without a watch)
/// and no API call, however many ProtectedVMs there are.
/// </summary>
/// <param name="policies">Reads policies from the watch cache.</param>
/// <param name="connections">The shared sessions.</param>
/// <param name="vmStates">The endpoints' VM state watches.</param>
public sealed class FailureCheckLookups(CachedEntityReader<SnapshotPolicy> policies, EndpointConnections connections, VmStateWatch vmStates)
{
    private readonly Dictionary<string, Task<VimClient>> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyDictionary<ManagedObjectReference, VirtualMachineFacts>> _facts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _fromWatch = new(StringComparer.Ordinal);

    /// <summary>Gets the endpoints (namespace/name) whose VMs this round looked at (every one had its session resolved).</summary>
    public IReadOnlySet<string> Endpoints => _sessions.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>Gets the policies.</summary>
    public CachedEntityReader<SnapshotPolicy> Policies => policies;

    /// <summary>
    /// Takes the state of every VM in <paramref name="watched"/> from its endpoint's inventory watch, or reads it with
    /// one retrieval per endpoint while the watch holds no whole and fresh state. An endpoint whose retrieval fails
    /// (e.g. one VM is gone) is left out, as is a VM the watch does not know: those are read one by one by
    /// <see cref="FactsAsync"/>.
    /// </summary>
    /// <param name="watched">ProtectedVM and the moref of the VM it watches.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>A task that completes when read.</returns>
    public async Task PrefetchFactsAsync(IEnumerable<(ProtectedVM Pvm, string Moref)> watched, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watched);
        foreach (var endpoint in watched.GroupBy(w => (Ns: w.Pvm.Metadata.NamespaceProperty ?? "default", w.Pvm.Spec.EndpointRef.Name)))
        {
            try
            {
                var vim = await SessionAsync(endpoint.Key.Ns, endpoint.Key.Name, cancellationToken);
                var key = EntityKey.For(endpoint.Key.Ns, endpoint.Key.Name);
                if (vmStates.Current(key, vim) is { } states)
                {
                    _facts[key] = states;
                    _fromWatch.Add(key);
                    continue;
                }

                var vms = endpoint.Select(w => new ManagedObjectReference("VirtualMachine", w.Moref)).Distinct().ToList();
                _facts[key] = await FailureWatchStates.ReadAsync(vim, vms, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Read one by one later; each ProtectedVM then reports its own failure.
            }
        }
    }

    /// <summary>The endpoint's session, resolved once per round.</summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The VSphereEndpoint name.</param>
    /// <param name="cancellationToken">Cancels the resolution.</param>
    /// <returns>The session.</returns>
    public Task<VimClient> SessionAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var key = EntityKey.For(ns, name);
        if (!_sessions.TryGetValue(key, out var session) || session.IsFaulted || session.IsCanceled)
        {
            session = connections.GetAsync(ns, name, cancellationToken);
            _sessions[key] = session;
        }

        return session;
    }

    /// <summary>
    /// Whether <see cref="FactsAsync"/> answers the VM from the endpoint's inventory watch. The watch may still be behind
    /// a change vSphere has made (a VM created and then powered on can read as off for a moment, and a VM read directly
    /// in an earlier round as running would seem to have crashed), so a failure seen there is confirmed by a direct read.
    /// </summary>
    /// <param name="endpointKey">The endpoint's key (namespace/name).</param>
    /// <param name="vm">The VM.</param>
    /// <returns>True when the VM's state came from the watch.</returns>
    public bool FromWatch(string endpointKey, ManagedObjectReference vm) =>
        _fromWatch.Contains(endpointKey) && _facts.TryGetValue(endpointKey, out var all) && all.ContainsKey(vm);

    /// <summary>The VM's state (facts without disks and layout) from the round's retrieval when it holds it, else its full facts read now.</summary>
    /// <param name="vim">The endpoint's session.</param>
    /// <param name="endpointKey">The endpoint's key (namespace/name).</param>
    /// <param name="vm">The VM.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The facts.</returns>
    public async Task<VirtualMachineFacts> FactsAsync(VimClient vim, string endpointKey, ManagedObjectReference vm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vim);
        return _facts.TryGetValue(endpointKey, out var all) && all.TryGetValue(vm, out var facts)
            ? facts
            : await vim.VirtualMachines.GetFactsAsync(vm, cancellationToken);
    }
}
