using SnapshotHa.Vim.Datastores;
using SnapshotHa.Vim.Hosts;
using SnapshotHa.Vim.Session;
using SnapshotHa.Vim.Snapshots;
using SnapshotHa.Vim.VirtualMachines;

namespace SnapshotHa.Vim;

/// <summary>
/// A connected vim25 session as controllers use it (implemented by <see cref="VimClient"/>; fake it in controller
/// tests). Disposing logs out.
/// </summary>
public interface IVimClient : IAsyncDisposable
{
    /// <inheritdoc cref="VimClient.ServiceContent"/>
    ServiceContent ServiceContent { get; }

    /// <inheritdoc cref="VimClient.VirtualMachines"/>
    IVirtualMachineService VirtualMachines { get; }

    /// <inheritdoc cref="VimClient.Snapshots"/>
    ISnapshotService Snapshots { get; }

    /// <inheritdoc cref="VimClient.Hosts"/>
    IHostService Hosts { get; }

    /// <inheritdoc cref="VimClient.Datastores"/>
    IDatastoreFileClient Datastores { get; }

    /// <inheritdoc cref="VimClient.GetCurrentTimeAsync"/>
    Task<DateTimeOffset> GetCurrentTimeAsync(CancellationToken cancellationToken);
}
