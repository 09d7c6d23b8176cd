using System.Xml.Linq;

namespace SnapshotHa.Vim.Properties;

/// <summary>One changed property of a watched object (<c>PropertyChange</c>).</summary>
/// <param name="Name">The property path.</param>
/// <param name="Operation"><c>assign</c>, <c>add</c>, <c>remove</c> or <c>indirectRemove</c>.</param>
/// <param name="Value">The new value, or null when the property became unset.</param>
public sealed record PropertyChange(string Name, string Operation, XElement? Value);
