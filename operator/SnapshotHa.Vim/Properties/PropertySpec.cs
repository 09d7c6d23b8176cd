namespace SnapshotHa.Vim.Properties;

/// <summary>Which properties to read of objects of one type (<c>PropertySpec</c>).</summary>
/// <param name="Type">Managed object type, e.g. <c>VirtualMachine</c>.</param>
/// <param name="PathSet">Property paths, e.g. <c>runtime.powerState</c>.</param>
/// <param name="All">Whether to read every property (avoid: expensive).</param>
public sealed record PropertySpec(string Type, IReadOnlyList<string> PathSet, bool All = false);
