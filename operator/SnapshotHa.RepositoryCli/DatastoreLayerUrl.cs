using System.Web;
using SnapshotHa.Vim.Datastores;

namespace SnapshotHa.RepositoryCli;

/// <summary>
/// A layer given as a datastore file URL, the form ESXi and vCenter use for <c>/folder</c>:
/// <c>https://HOST[:PORT]/folder/&lt;dir&gt;/&lt;disk&gt;-00000N.vmdk?dcPath=&lt;datacenter&gt;&amp;dsName=&lt;datastore&gt;</c>.
/// </summary>
/// <param name="Server">The server (scheme, host and port) whose <c>/sdk</c> endpoint is logged in to.</param>
/// <param name="DatacenterPath">The datacenter inventory path (<c>dcPath</c>).</param>
/// <param name="Descriptor">The descriptor on the datastore.</param>
public sealed record DatastoreLayerUrl(Uri Server, string DatacenterPath, DatastorePath Descriptor)
{
    /// <summary>Gets whether <paramref name="layer"/> looks like a URL rather than a local path.</summary>
    public static bool IsUrl(string layer) => layer.Contains("://", StringComparison.Ordinal);

    /// <summary>Parses a datastore file URL.</summary>
    /// <param name="text">The URL.</param>
    /// <param name="option">The option text named in errors, e.g. <c>--disk scsi0:0</c>.</param>
    /// <exception cref="FormatException">The URL is not https, carries credentials, has no <c>/folder/</c> file path, or lacks <c>dcPath</c> or <c>dsName</c>.</exception>
    public static DatastoreLayerUrl Parse(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string Form = "https://HOST[:PORT]/folder/DIR/DISK.vmdk?dcPath=DATACENTER&dsName=DATASTORE";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new FormatException($"{option}: '{text}' is not a datastore URL of the form {Form}.");
        }

        if (uri.UserInfo.Length > 0)
        {
            throw new FormatException(
                $"{option}: the datastore URL for host {uri.Host} must not carry credentials; use SNAPSHOTHA_VSPHERE_USERNAME/SNAPSHOTHA_VSPHERE_PASSWORD or --credentials-dir.");
        }

        var shown = uri.GetLeftPart(UriPartial.Path);
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
        if (segments.Count < 2 || segments[0] != "folder" || segments.Skip(1).Any(s => s is "." or ".." || s.Contains('\\', StringComparison.Ordinal)))
        {
            throw new FormatException($"{option}: '{shown}' has no file path under /folder/ (expected {Form}).");
        }

        var query = HttpUtility.ParseQueryString(uri.Query);
        var datacenter = query["dcPath"];
        var datastore = query["dsName"];
        if (string.IsNullOrEmpty(datacenter) || string.IsNullOrEmpty(datastore))
        {
            throw new FormatException($"{option}: '{text}' lacks the dcPath or dsName query parameter (expected {Form}).");
        }

        return new DatastoreLayerUrl(
            new Uri(uri.GetLeftPart(UriPartial.Authority)),
            datacenter,
            new DatastorePath(datastore, string.Join('/', segments.Skip(1))));
    }

    /// <summary>Returns the URL without its query, for messages.</summary>
    public override string ToString() => $"{Server.GetLeftPart(UriPartial.Authority)}/folder/{Descriptor.Path} ({Descriptor})";
}
