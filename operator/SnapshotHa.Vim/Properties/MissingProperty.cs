using SnapshotHa.Vim.Faults;

namespace SnapshotHa.Vim.Properties;

/// <summary>A property the server could not read for an object (<c>missingSet</c>), with the reason.</summary>
/// <param name="Path">The property path.</param>
/// <param name="Fault">Why it is missing.</param>
public sealed record MissingProperty(string Path, VimFaultException Fault);
