namespace SnapshotHa.Kube.Crds;

/// <summary>One generated manifest file.</summary>
/// <param name="Path">The path relative to the repository root, with forward slashes.</param>
/// <param name="Content">The YAML text, ending with a newline.</param>
public sealed record ManifestFile(string Path, string Content);
