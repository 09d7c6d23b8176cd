using System.Text;

namespace SnapshotHa.Vim.Datastores;

/// <summary>Builds <c>/folder</c> URLs: <c>https://host/folder/&lt;path&gt;?dcPath=&lt;datacenter&gt;&amp;dsName=&lt;datastore&gt;</c>.</summary>
internal static class DatastoreUrl
{
    /// <summary>Builds the URL of a datastore file; every path segment is escaped.</summary>
    public static Uri Build(Uri sdkUrl, string datacenterPath, DatastorePath path)
    {
        var builder = new StringBuilder(sdkUrl.GetLeftPart(UriPartial.Authority)).Append("/folder");
        foreach (var segment in path.Path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append('/').Append(Uri.EscapeDataString(segment));
        }

        builder.Append("?dcPath=").Append(Uri.EscapeDataString(datacenterPath))
            .Append("&dsName=").Append(Uri.EscapeDataString(path.Datastore));
        return new Uri(builder.ToString());
    }
}
