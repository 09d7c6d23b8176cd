using SnapshotHa.Repository.Packs;
using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Sync;

/// <summary>
/// Collects the encoded objects a sync sends into packs of at most <c>packSize</c> bytes and uploads each as its pack
/// file, then its index (each checked on arrival by the target): a pack counts at the target only once its index is
/// there, so an interrupted upload leaves nothing visible.
/// </summary>
internal sealed class SyncPackBuilder(ISyncTarget target, int packSize) : IDisposable
{
    private readonly MemoryStream _pack = new();
    private readonly List<PackIndexEntry> _entries = [];

    /// <summary>Gets the bytes uploaded so far (packs and indexes).</summary>
    public long BytesUploaded { get; private set; }

    public async Task AddAsync(ContentHash hash, byte[] encoded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (_entries.Count > 0 && _pack.Length + encoded.Length > packSize)
        {
            await FlushAsync(cancellationToken);
        }

        if (_pack.Length == 0)
        {
            _pack.Write(PackFile.Header);
        }

        _entries.Add(new PackIndexEntry(hash, _pack.Length, encoded.Length));
        _pack.Write(encoded);
    }

    /// <summary>Uploads the pack collected so far (if any) and its index.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_entries.Count == 0)
        {
            return;
        }

        var index = PackIndexFile.Write(_entries, _pack.Length);
        var name = $"{PackFile.DirectoryName}/{PackFile.NameOf(index)}";
        await target.PutAsync(name + PackFile.PackExtension, _pack.GetBuffer().AsMemory(0, (int)_pack.Length), cancellationToken);
        await target.PutAsync(name + PackFile.IndexExtension, index, cancellationToken);
        BytesUploaded += _pack.Length + index.Length;
        _entries.Clear();
        _pack.SetLength(0);
    }

    /// <summary>
    /// Lists the objects the target's packs hold: every index whose pack is also present and which parses (an index
    /// that does not is ignored, so its objects are sent again).
    /// </summary>
    public static async Task<IReadOnlyList<ContentHash>> ListTargetObjectsAsync(ISyncTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var keys = await target.ListAsync(PackFile.DirectoryName + "/", cancellationToken);
        var hashes = new List<ContentHash>();
        foreach (var key in keys.Where(k => k.EndsWith(PackFile.IndexExtension, StringComparison.Ordinal)))
        {
            if (!keys.Contains(key[..^PackFile.IndexExtension.Length] + PackFile.PackExtension) || await target.GetAsync(key, cancellationToken) is not { } index)
            {
                continue;
            }

            try
            {
                hashes.AddRange(PackIndexFile.Parse(index, $"{target.Name}/{key}").Select(e => e.Hash));
            }
            catch (InvalidDataException)
            {
                // not trusted: its objects are sent again in a new pack
            }
        }

        return hashes;
    }

    public void Dispose() => _pack.Dispose();
}
