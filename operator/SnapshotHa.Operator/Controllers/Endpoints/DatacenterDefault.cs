using SnapshotHa.Vim;

namespace SnapshotHa.Operator.Controllers.Endpoints;

/// <summary>
/// The default of <c>spec.datacenter</c>: a standalone ESXi host is always <c>ha-datacenter</c> (the vim25 client's
/// own default); a vCenter with exactly one datacenter uses that one. With several and none named, datastore file
/// transfers fail and name the missing datacenter.
/// </summary>
public static class DatacenterDefault
{
    /// <summary>Connects; when the datacenter is unset and the server is a vCenter with one datacenter, connects again naming it.</summary>
    /// <param name="options">The connection options from the endpoint.</param>
    /// <param name="connect">Connects with the given options.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The connected client; the caller disposes it.</returns>
    public static async Task<VimClient> ConnectAsync(
        VimConnectionOptions options, Func<VimConnectionOptions, Task<VimClient>> connect, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(connect);
        var client = await connect(options);
        if (options.DatacenterPath is not null || client.ServiceContent.About.IsHostAgent)
        {
            return client;
        }

        IReadOnlyList<Vim.Properties.ObjectContent> datacenters;
        try
        {
            datacenters = await client.Properties.ListAsync("Datacenter", ["name"], cancellationToken);
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }

        if (datacenters is not [var only] || only.Text("name") is not { Length: > 0 } name)
        {
            return client;
        }

        await client.DisposeAsync();
        return await connect(options with { DatacenterPath = name });
    }
}
