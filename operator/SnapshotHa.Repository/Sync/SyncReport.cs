namespace SnapshotHa.Repository.Sync;

/// <summary>The outcome of a sync.</summary>
/// <param name="ImagesCopied">Manifests written to the target.</param>
/// <param name="ImagesPresent">Images the target already had.</param>
/// <param name="ObjectsCopied">Chunks and index pages copied.</param>
/// <param name="ObjectsPresent">Referenced objects the target already had.</param>
/// <param name="BytesCopied">Bytes uploaded (encoded objects and manifests).</param>
public sealed record SyncReport(int ImagesCopied, int ImagesPresent, long ObjectsCopied, long ObjectsPresent, long BytesCopied);
