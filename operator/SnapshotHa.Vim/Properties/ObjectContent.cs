using System.Xml.Linq;
using SnapshotHa.Vim.Faults;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Properties;

/// <summary>The properties read for one object (<c>ObjectContent</c>). Values are raw vim25 elements.</summary>
/// <param name="ManagedObject">The object.</param>
/// <param name="Properties">Property path → value element (absent properties are not in the map).</param>
/// <param name="MissingSet">Properties the server could not read.</param>
public sealed record ObjectContent(
    ManagedObjectReference ManagedObject,
    IReadOnlyDictionary<string, XElement> Properties,
    IReadOnlyList<MissingProperty> MissingSet)
{
    /// <summary>Gets a property value element, or null when the property is unset.</summary>
    public XElement? this[string path] => Properties.GetValueOrDefault(path);

    /// <summary>Gets a property's text, or null when unset.</summary>
    public string? Text(string path) => this[path]?.Value;

    /// <summary>Parses an <c>objects</c> element of a RetrieveResult.</summary>
    /// <exception cref="NotAuthenticatedException">A property is missing because the session is gone.</exception>
    public static ObjectContent Parse(XElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        var obj = element.Child("obj")?.ToMoref() ?? throw new VimProtocolException("ObjectContent has no 'obj'.");
        var properties = new Dictionary<string, XElement>(StringComparer.Ordinal);
        foreach (var prop in element.Children("propSet"))
        {
            if (prop.Text("name") is { } name && prop.Child("val") is { } val)
            {
                properties[name] = val;
            }
        }

        var missing = ParseMissingSet(element, "RetrievePropertiesEx");
        return new ObjectContent(obj, properties, missing);
    }

    /// <summary>
    /// Parses the <c>missingSet</c> children of an element; a NotAuthenticated fault among them is thrown, because it
    /// means the session was lost, not that the property is unset.
    /// </summary>
    internal static IReadOnlyList<MissingProperty> ParseMissingSet(XElement element, string operation)
    {
        var missing = new List<MissingProperty>();
        foreach (var entry in element.Children("missingSet"))
        {
            var path = entry.Text("path") ?? "";
            var fault = entry.Child("fault") is { } f
                ? VimFaults.FromLocalizedMethodFault(f, $"{operation} of '{path}'")
                : new VimFaultException("VimFault", $"{operation} of '{path}' failed", null);
            if (fault is NotAuthenticatedException)
            {
                throw fault;
            }

            missing.Add(new MissingProperty(path, fault));
        }

        return missing;
    }
}
