namespace SnapshotHa.Repository.Sync;

/// <summary>
/// Where a secondary copy of a repository lives: a directory or an S3 bucket prefix. Keys are repository-relative
/// paths with forward slashes (<c>packs/NAME.pack</c>, <c>packs/NAME.idx</c>, <c>objects/ab/ab12…</c>,
/// <c>images/&lt;id&gt;.json</c>, <c>repository.json</c>).
/// </summary>
public interface ISyncTarget : IDisposable
{
    /// <summary>Gets a name for messages (a path or an s3:// URL, never credentials).</summary>
    string Name { get; }

    /// <summary>Lists the keys present under <paramref name="prefix"/> (for example <c>objects/</c>).</summary>
    Task<IReadOnlySet<string>> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="content"/> under <paramref name="key"/> and checks that the stored copy is what was
    /// sent (re-read and compared, or the server's MD5 compared), so a half-written object never counts as present.
    /// </summary>
    /// <exception cref="IOException">The copy did not arrive intact.</exception>
    Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the object stored under <paramref name="key"/> (a pack index, to learn which objects the target holds);
    /// null when there is none. Targets that cannot read back throw <see cref="NotSupportedException"/>, and sync
    /// then sends objects as loose files.
    /// </summary>
    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        Task.FromException<byte[]?>(new NotSupportedException($"{Name} cannot read objects back."));
}
