namespace SnapshotHa.Repository.Storage;

/// <summary>A file found in the object store.</summary>
/// <param name="Hash">The object's name; <see cref="ContentHash.Zero"/> for a file that is not an object (a stale temporary).</param>
/// <param name="Path">The file's path.</param>
/// <param name="Length">The file's length in bytes.</param>
/// <param name="LastWrite">When the file was last written.</param>
public sealed record StoredObject(ContentHash Hash, string Path, long Length, DateTimeOffset LastWrite)
{
    /// <summary>Gets the offset of the encoded object in its file: 0 for a loose object, its place in a pack otherwise.</summary>
    public long Offset { get; init; }
}
