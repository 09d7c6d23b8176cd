using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Properties;

/// <summary>Container views over the whole inventory (the root folder, recursive), for listings and watches.</summary>
internal static class InventoryViews
{
    /// <summary>Creates a view of every object of <paramref name="type"/>; the caller destroys it (<c>DestroyView</c>).</summary>
    /// <param name="invoker">The session.</param>
    /// <param name="type">Managed object type, e.g. <c>VirtualMachine</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The view.</returns>
    /// <exception cref="NotSupportedException">The server has no ViewManager.</exception>
    public static Task<ManagedObjectReference> CreateAsync(VimInvoker invoker, string type, CancellationToken cancellationToken)
    {
        var viewManager = invoker.Content.ViewManager
            ?? throw new NotSupportedException("The server has no ViewManager: inventory listings and watches are not available.");
        return invoker.InvokeForReferenceAsync(
            VimXml.Element(
                "CreateContainerView",
                VimXml.Moref("_this", viewManager),
                VimXml.Moref("container", invoker.Content.RootFolder),
                VimXml.Element("type", type),
                VimXml.Element("recursive", "true")),
            idempotent: false,
            cancellationToken);
    }
}
