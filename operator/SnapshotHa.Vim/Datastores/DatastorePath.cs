namespace SnapshotHa.Vim.Datastores;

/// <summary>
/// A file on a datastore in vSphere's notation <c>[datastore] folder/file.vmdk</c>. The path part uses forward slashes
/// and is relative to the datastore root.
/// </summary>
/// <param name="Datastore">The datastore name.</param>
/// <param name="Path">The path inside the datastore, e.g. <c>vm1/vm1.vmdk</c> (may be empty for the root).</param>
public sealed record DatastorePath(string Datastore, string Path)
{
    /// <summary>Gets the folder part of <see cref="Path"/> (empty for files in the datastore root).</summary>
    public string Folder => Path.LastIndexOf('/') is var i and >= 0 ? Path[..i] : "";

    /// <summary>Gets the file name part of <see cref="Path"/>.</summary>
    public string FileName => Path[(Path.LastIndexOf('/') + 1)..];

    /// <summary>Returns <c>[datastore] path</c>.</summary>
    public override string ToString() => $"[{Datastore}] {Path}";

    /// <summary>Gets a file in the same folder.</summary>
    /// <exception cref="ArgumentException">The name is empty, absolute, or contains a folder part or <c>..</c>.</exception>
    public DatastorePath Sibling(string fileName)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        if (fileName.Contains('/', StringComparison.Ordinal) || fileName.Contains('\\', StringComparison.Ordinal)
            || fileName is "." or ".." || fileName.StartsWith('['))
        {
            throw new ArgumentException($"File name '{fileName}' must name a file in the same folder.", nameof(fileName));
        }

        return this with { Path = Folder.Length == 0 ? fileName : $"{Folder}/{fileName}" };
    }

    /// <summary>Parses <c>[datastore] path</c>.</summary>
    /// <exception cref="FormatException">The text does not start with a bracketed datastore name.</exception>
    public static DatastorePath Parse(string text)
    {
        if (!TryParse(text, out var path))
        {
            throw new FormatException($"Datastore path '{text}' is not of the form '[datastore] path'.");
        }

        return path;
    }

    /// <summary>Tries to parse <c>[datastore] path</c>.</summary>
    public static bool TryParse(string? text, out DatastorePath path)
    {
        path = new DatastorePath("", "");
        if (text is null || !text.StartsWith('['))
        {
            return false;
        }

        var close = text.IndexOf(']', StringComparison.Ordinal);
        if (close <= 1)
        {
            return false;
        }

        path = new DatastorePath(text[1..close], text[(close + 1)..].Trim().TrimStart('/'));
        return true;
    }
}
