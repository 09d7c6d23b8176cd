namespace SnapshotHa.Vim.Properties;

/// <summary>How a watched object changed (<c>ObjectUpdateKind</c>).</summary>
public enum ObjectUpdateKind
{
    /// <summary>The object entered the filter (first report: full state).</summary>
    Enter,

    /// <summary>Some watched properties changed.</summary>
    Modify,

    /// <summary>The object left the filter (deleted or out of scope).</summary>
    Leave,
}
