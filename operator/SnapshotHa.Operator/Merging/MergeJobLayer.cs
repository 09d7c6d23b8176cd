namespace SnapshotHa.Operator.Merging;

/// <summary>One disk's layer as the merge Job reads it.</summary>
/// <param name="DiskKey">The disk's key in the image.</param>
/// <param name="Url">The descriptor's datastore URL (<c>https://HOST/folder/…?dcPath=…&amp;dsName=…</c>).</param>
/// <param name="WholeChain">True to read the layer with all its parents (<c>--disk-chain</c>).</param>
public sealed record MergeJobLayer(string DiskKey, Uri Url, bool WholeChain);
