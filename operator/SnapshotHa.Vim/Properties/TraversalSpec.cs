namespace SnapshotHa.Vim.Properties;

/// <summary>How to walk from an object to related objects (<c>TraversalSpec</c>).</summary>
/// <param name="Name">Name other specs refer to in their select set.</param>
/// <param name="Type">Type of the object the path is read on, e.g. <c>ContainerView</c>.</param>
/// <param name="Path">Property holding the related objects, e.g. <c>view</c>.</param>
/// <param name="Skip">Whether to leave out the objects at this step.</param>
/// <param name="SelectSetNames">Names of further traversal specs to apply to the reached objects.</param>
public sealed record TraversalSpec(string Name, string Type, string Path, bool Skip = false, IReadOnlyList<string>? SelectSetNames = null);
