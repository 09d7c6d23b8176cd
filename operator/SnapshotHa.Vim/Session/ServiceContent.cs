using System.Xml.Linq;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Session;

/// <summary>The entry points of the vim25 API (<c>RetrieveServiceContent</c>).</summary>
/// <param name="About">Product and API version.</param>
/// <param name="RootFolder">Root of the inventory.</param>
/// <param name="PropertyCollector">The default property collector.</param>
/// <param name="SessionManager">The session manager (Login/Logout).</param>
/// <param name="ViewManager">The view manager (container views), when present.</param>
/// <param name="SearchIndex">The search index, when present.</param>
/// <param name="FileManager">The file manager, when present.</param>
public sealed record ServiceContent(
    AboutInfo About,
    ManagedObjectReference RootFolder,
    ManagedObjectReference PropertyCollector,
    ManagedObjectReference SessionManager,
    ManagedObjectReference? ViewManager,
    ManagedObjectReference? SearchIndex,
    ManagedObjectReference? FileManager)
{
    /// <summary>The ServiceInstance reference every server answers to.</summary>
    public static readonly ManagedObjectReference ServiceInstance = new("ServiceInstance", "ServiceInstance");

    /// <summary>Parses the <c>returnval</c> of RetrieveServiceContent.</summary>
    /// <exception cref="Faults.VimProtocolException">A required entry point is missing.</exception>
    public static ServiceContent Parse(XElement returnval)
    {
        ArgumentNullException.ThrowIfNull(returnval);
        var about = returnval.Child("about")
            ?? throw new Faults.VimProtocolException("ServiceContent has no 'about'.");
        return new ServiceContent(
            new AboutInfo(
                about.Text("name") ?? "",
                about.Text("fullName") ?? "",
                about.Text("version") ?? "",
                about.Text("build") ?? "",
                about.Text("apiType") ?? "",
                about.Text("apiVersion") ?? "",
                about.Text("instanceUuid")),
            Required(returnval, "rootFolder"),
            Required(returnval, "propertyCollector"),
            Required(returnval, "sessionManager"),
            returnval.MorefChild("viewManager"),
            returnval.MorefChild("searchIndex"),
            returnval.MorefChild("fileManager"));
    }

    private static ManagedObjectReference Required(XElement element, string name) =>
        element.MorefChild(name) ?? throw new Faults.VimProtocolException($"ServiceContent has no '{name}'.");
}
