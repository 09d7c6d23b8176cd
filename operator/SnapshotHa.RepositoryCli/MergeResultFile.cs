using System.Text.Json;

namespace SnapshotHa.RepositoryCli;

/// <summary>
/// The result file of a merge Job: <c>&lt;repository&gt;/results/&lt;image&gt;-&lt;image uid&gt;.json</c>, written
/// atomically (temporary file, then rename) by <c>snapshotha merge --result-file</c> after the commit, read by the
/// operator once the Job succeeded and deleted after the RecoveryImage is marked Committed. Keying by the image's uid
/// keeps a result of an earlier image with the same name (recreated after a lost snapshot) from being taken.
/// </summary>
public static class MergeResultFile
{
    /// <summary>The folder inside the repository that holds result files.</summary>
    public const string Folder = "results";

    /// <summary>The largest result file read (a result is a few hundred bytes).</summary>
    private const int MaxBytes = 64 * 1024;

    /// <summary>Returns the result file's path relative to the repository directory (always with '/').</summary>
    /// <param name="imageName">The RecoveryImage name.</param>
    /// <param name="imageUid">The RecoveryImage uid.</param>
    public static string RelativePath(string imageName, string imageUid) => $"{Folder}/{imageName}-{imageUid}.json";

    /// <summary>Returns the result file's path inside <paramref name="repositoryPath"/>.</summary>
    /// <param name="repositoryPath">The repository directory.</param>
    /// <param name="imageName">The RecoveryImage name.</param>
    /// <param name="imageUid">The RecoveryImage uid.</param>
    public static string PathIn(string repositoryPath, string imageName, string imageUid) =>
        Path.Combine(repositoryPath, Folder, $"{imageName}-{imageUid}.json");

    /// <summary>Writes <paramref name="result"/> to <paramref name="path"/> atomically, creating the folder.</summary>
    /// <param name="path">The result file.</param>
    /// <param name="result">The result.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    /// <exception cref="IOException">The file could not be written.</exception>
    public static async Task WriteAsync(string path, MergeJobResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(result);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Environment.ProcessId}.tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                await JsonSerializer.SerializeAsync(stream, result, MergeResultJsonContext.Default.MergeJobResult, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Reads the result at <paramref name="path"/>.</summary>
    /// <param name="path">The result file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The result, or null when the file does not exist.</returns>
    /// <exception cref="InvalidDataException">The file is too large, not JSON of a result, or has no manifest id.</exception>
    public static async Task<MergeJobResult?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return null;
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length > MaxBytes)
        {
            throw new InvalidDataException($"Merge result file {path} is {stream.Length} bytes; a result is at most {MaxBytes}.");
        }

        try
        {
            var result = await JsonSerializer.DeserializeAsync(stream, MergeResultJsonContext.Default.MergeJobResult, cancellationToken);
            return result is { ManifestId.Length: > 0 }
                ? result
                : throw new InvalidDataException($"Merge result file {path} has no manifestId.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Merge result file {path} is not a merge result: {e.Message}", e);
        }
    }

    /// <summary>Deletes the result file; a missing file is ignored.</summary>
    /// <param name="path">The result file.</param>
    public static void Delete(string path) => File.Delete(path);
}
