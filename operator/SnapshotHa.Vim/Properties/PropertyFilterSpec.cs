using System.Xml.Linq;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Properties;

/// <summary>What to retrieve or watch (<c>PropertyFilterSpec</c>).</summary>
/// <param name="PropSet">Properties per object type.</param>
/// <param name="ObjectSet">Starting objects and traversals.</param>
public sealed record PropertyFilterSpec(IReadOnlyList<PropertySpec> PropSet, IReadOnlyList<ObjectSpec> ObjectSet)
{
    /// <summary>A spec for some properties of one object.</summary>
    public static PropertyFilterSpec ForObject(ManagedObjectReference obj, params IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new PropertyFilterSpec([new PropertySpec(obj.Type, paths)], [new ObjectSpec(obj)]);
    }

    /// <summary>A spec for some properties of the same type on several objects.</summary>
    public static PropertyFilterSpec ForObjects(string type, IReadOnlyList<ManagedObjectReference> objects, params IReadOnlyList<string> paths) =>
        new([new PropertySpec(type, paths)], [.. objects.Select(o => new ObjectSpec(o))]);

    /// <summary>A spec for some properties of every object in a container view.</summary>
    public static PropertyFilterSpec ForContainerView(ManagedObjectReference view, string type, params IReadOnlyList<string> paths) =>
        new(
            [new PropertySpec(type, paths)],
            [new ObjectSpec(view, Skip: true, [new TraversalSpec("traverseView", "ContainerView", "view")])]);

    /// <summary>Writes the spec as a vim25 element named <paramref name="elementName"/> (<c>specSet</c> or <c>spec</c>).</summary>
    internal XElement ToXml(string elementName) =>
        VimXml.Element(
            elementName,
            PropSet.Select(p => VimXml.Element(
                "propSet",
                VimXml.Element("type", p.Type),
                p.All ? VimXml.Element("all", "true") : null,
                p.PathSet.Select(path => VimXml.Element("pathSet", path)))),
            ObjectSet.Select(o => VimXml.Element(
                "objectSet",
                VimXml.Moref("obj", o.ManagedObject),
                o.Skip ? VimXml.Element("skip", "true") : null,
                (o.SelectSet ?? []).Select(t => VimXml.Typed(
                    "selectSet",
                    "TraversalSpec",
                    VimXml.Element("name", t.Name),
                    VimXml.Element("type", t.Type),
                    VimXml.Element("path", t.Path),
                    VimXml.Element("skip", VimXml.Bool(t.Skip)),
                    (t.SelectSetNames ?? []).Select(n => VimXml.Element("selectSet", VimXml.Element("name", n))))))));
}
