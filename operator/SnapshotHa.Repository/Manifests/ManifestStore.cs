using System.Text;
using System.Text.Json;
using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Manifests;

/// <summary>Committed image manifests, one file per image: <c>images/&lt;id&gt;.json</c>.</summary>
public sealed class ManifestStore
{
    // Parsed manifests by full path, shared by every store of the process (see List).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ParsedManifest> ParsedManifests = new(StringComparer.Ordinal);

    /// <summary>The directory name of the manifests inside a repository.</summary>
    public const string DirectoryName = "images";

    /// <summary>Opens (and creates if missing) the manifest directory of repository <paramref name="repositoryRoot"/>.</summary>
    public ManifestStore(string repositoryRoot)
    {
        Root = Path.Combine(repositoryRoot, DirectoryName);
        Directory.CreateDirectory(Root);
    }

    /// <summary>Gets the manifest directory.</summary>
    public string Root { get; }

    /// <summary>Gets the file of image <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not a well-formed image id.</exception>
    public string PathOf(string id) => ImageIds.IsWellFormed(id)
        ? Path.Combine(Root, id + ".json")
        : throw new ArgumentException($"'{id}' is not an image id ({ImageIds.Length} lowercase hex digits).", nameof(id));

    /// <summary>Serializes a manifest as written to its file.</summary>
    public static byte[] Serialize(ImageManifest manifest) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(manifest, ManifestSerializer.IndentedManifest) + "\n");

    /// <summary>Writes <paramref name="manifest"/> atomically and durably (temp, fsync, rename, fsync directory).</summary>
    public Task WriteAsync(ImageManifest manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return AtomicFile.WriteDurableAsync(PathOf(manifest.Id), Serialize(manifest), cancellationToken);
    }

    /// <summary>Reads image <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such image.</exception>
    /// <exception cref="InvalidDataException">The manifest is malformed or its id does not match its content.</exception>
    public ImageManifest Read(string id)
    {
        var path = PathOf(id);
        if (!File.Exists(path))
        {
            throw new KeyNotFoundException($"Image '{id}' does not exist ({path}).");
        }

        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses and checks manifest bytes read from <paramref name="name"/>.</summary>
    /// <exception cref="InvalidDataException">The manifest is malformed or its id does not match its content.</exception>
    public static ImageManifest Parse(ReadOnlySpan<byte> json, string name)
    {
        ImageManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(json, ManifestSerializer.CanonicalManifest);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Manifest '{name}' is not valid JSON: {e.Message}", e);
        }

        if (manifest is null || manifest.Disks is null || manifest.Series is null || manifest.FormatVersion != 1)
        {
            throw new InvalidDataException($"Manifest '{name}' lacks required fields or has an unknown format version.");
        }

        if (!ImageIds.IsWellFormed(manifest.Id) || ImageIds.Derive(manifest) != manifest.Id)
        {
            throw new InvalidDataException($"Manifest '{name}' has id '{manifest.Id}', which does not match its content.");
        }

        foreach (var disk in manifest.Disks)
        {
            if (disk.Capacity <= 0 || !ContentHash.TryParse(disk.Root, out _))
            {
                throw new InvalidDataException($"Manifest '{name}' disk '{disk.Key}' has an invalid capacity or root.");
            }
        }

        return manifest;
    }

    /// <summary>
    /// Lists every committed image (unreadable manifests are reported through <paramref name="onError"/>). A manifest
    /// is immutable (its name is the hash of its content), so a process parses each file once: later listings reuse
    /// the parsed manifest while the file keeps its length and modification time, which makes listing a repository
    /// shared by thousands of series cost a directory read instead of thousands of JSON parses.
    /// </summary>
    public IReadOnlyList<ImageManifest> List(Action<string>? onError = null)
    {
        var images = new List<ImageManifest>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in new DirectoryInfo(Root).EnumerateFiles("*.json"))
        {
            seen.Add(file.FullName);
            if (ParsedManifests.TryGetValue(file.FullName, out var parsed) && parsed.Length == file.Length && parsed.LastWrite == file.LastWriteTimeUtc)
            {
                images.Add(parsed.Manifest);
                continue;
            }

            try
            {
                var manifest = Parse(File.ReadAllBytes(file.FullName), file.FullName);
                ParsedManifests[file.FullName] = new ParsedManifest(file.Length, file.LastWriteTimeUtc, manifest);
                images.Add(manifest);
            }
            catch (InvalidDataException e)
            {
                onError?.Invoke(e.Message);
            }
            catch (FileNotFoundException)
            {
                // Deleted (pruned) while listed.
            }
        }

        var prefix = Path.GetFullPath(Root) + Path.DirectorySeparatorChar;
        foreach (var path in ParsedManifests.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && !seen.Contains(k)))
        {
            ParsedManifests.TryRemove(path, out _);
        }

        return [.. images.OrderBy(i => i.Series, StringComparer.Ordinal).ThenBy(i => i.Sequence).ThenBy(i => i.Id, StringComparer.Ordinal)];
    }

    /// <summary>Deletes image <paramref name="id"/>'s manifest (its objects go at the next garbage collection).</summary>
    public void Delete(string id) => File.Delete(PathOf(id));

    private sealed record ParsedManifest(long Length, DateTime LastWrite, ImageManifest Manifest);
}
