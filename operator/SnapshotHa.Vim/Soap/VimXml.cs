using System.Globalization;
using System.Xml.Linq;
using SnapshotHa.Vim.Faults;

namespace SnapshotHa.Vim.Soap;

/// <summary>
/// Reading and writing helpers for vim25 XML. Reads match elements by local name inside <c>urn:vim25</c> (or no
/// namespace, as nested values sometimes come) and resolve <c>xsi:type</c> by namespace URI, never by prefix.
/// </summary>
internal static class VimXml
{
    /// <summary>Creates a vim25 element with the given content.</summary>
    public static XElement Element(string name, params object?[] content) => new(VimNamespaces.Vim + name, content);

    /// <summary>Creates a managed object reference argument such as <c>&lt;_this type="VirtualMachine"&gt;vm-9&lt;/_this&gt;</c>.</summary>
    public static XElement Moref(string name, ManagedObjectReference reference) =>
        new(VimNamespaces.Vim + name, new XAttribute("type", reference.Type), reference.Value);

    /// <summary>Creates an element carrying an <c>xsi:type</c> attribute (a polymorphic value).</summary>
    public static XElement Typed(string name, string xsiType, params object?[] content) =>
        new(VimNamespaces.Vim + name, new XAttribute(VimNamespaces.Xsi + "type", xsiType), content);

    /// <summary>Formats a boolean the XML Schema way.</summary>
    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>Gets the local part of the element's <c>xsi:type</c> (e.g. <c>string</c> for <c>xsd:string</c>), or null.</summary>
    public static string? XsiType(this XElement element)
    {
        var value = element.Attribute(VimNamespaces.Xsi + "type")?.Value;
        if (value is null)
        {
            return null;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? value[(colon + 1)..] : value;
    }

    /// <summary>Gets the first child element with the given local name (vim25 or unqualified).</summary>
    public static XElement? Child(this XElement element, string localName)
    {
        foreach (var child in element.Elements())
        {
            if (child.Name.LocalName == localName && IsVimOrEmpty(child.Name.Namespace))
            {
                return child;
            }
        }

        return null;
    }

    /// <summary>Gets all child elements with the given local name (vim25 or unqualified).</summary>
    public static IEnumerable<XElement> Children(this XElement element, string localName) =>
        element.Elements().Where(c => c.Name.LocalName == localName && IsVimOrEmpty(c.Name.Namespace));

    /// <summary>Follows a dotted path of child elements, e.g. <c>deviceInfo.label</c>.</summary>
    public static XElement? Descendant(this XElement element, string dottedPath)
    {
        XElement? current = element;
        foreach (var part in dottedPath.Split('.'))
        {
            current = current?.Child(part);
        }

        return current;
    }

    /// <summary>Gets the text of a child element, or null when absent.</summary>
    public static string? Text(this XElement element, string localName) => element.Child(localName)?.Value;

    /// <summary>Gets the text of a required child element.</summary>
    /// <exception cref="VimProtocolException">The element is missing.</exception>
    public static string RequiredText(this XElement element, string localName) =>
        element.Child(localName)?.Value
        ?? throw new VimProtocolException($"Element '{element.Name.LocalName}' has no '{localName}' child.");

    /// <summary>Gets a child as a 64-bit integer, or null when absent.</summary>
    /// <exception cref="VimProtocolException">The text is not an integer.</exception>
    public static long? Long(this XElement element, string localName)
    {
        var text = element.Text(localName);
        if (text is null)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new VimProtocolException($"Element '{localName}' holds '{text}', not an integer.");
    }

    /// <summary>Gets a child as a 32-bit integer, or null when absent.</summary>
    public static int? Int(this XElement element, string localName) => checked((int?)element.Long(localName));

    /// <summary>Gets a child as a boolean (<c>true</c>/<c>1</c>), or null when absent.</summary>
    public static bool? Bool(this XElement element, string localName)
    {
        var text = element.Text(localName);
        return text is null ? null : text is "true" or "1";
    }

    /// <summary>Gets a child as a timestamp, or null when absent or unparsable.</summary>
    public static DateTimeOffset? Time(this XElement element, string localName)
    {
        var text = element.Text(localName);
        return text is not null
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : null;
    }

    /// <summary>Reads an element of managed-object-reference shape (<c>type</c> attribute + text).</summary>
    /// <exception cref="VimProtocolException">The element has no <c>type</c> attribute.</exception>
    public static ManagedObjectReference ToMoref(this XElement element)
    {
        var type = element.Attribute("type")?.Value
            ?? throw new VimProtocolException($"Element '{element.Name.LocalName}' is not a managed object reference.");
        return new ManagedObjectReference(type, element.Value);
    }

    /// <summary>Reads a child managed object reference, or null when absent.</summary>
    public static ManagedObjectReference? MorefChild(this XElement element, string localName) =>
        element.Child(localName)?.ToMoref();

    private static bool IsVimOrEmpty(XNamespace ns) => ns == VimNamespaces.Vim || ns == XNamespace.None;
}
