using System.Text.Json;
using SnapshotHa.Repository.Maintenance;
using SnapshotHa.Repository.Manifests;
using SnapshotHa.Repository.Materializing;
using SnapshotHa.Repository.Merging;
using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository;

/// <summary>
/// A content-addressed image repository in a directory: <c>repository.json</c> (layout), <c>objects/</c> (chunks and
/// index pages), <c>images/</c> (committed manifests) and <c>lock</c> (the writer lock).
/// </summary>
public sealed class ImageRepository : IDisposable
{
    /// <summary>The layout file's name.</summary>
    public const string FormatFileName = "repository.json";

    private readonly RepositoryOptions _options;

    private ImageRepository(string root, RepositoryFormat format, RepositoryOptions options)
    {
        Root = root;
        Format = format;
        _options = options;
        Objects = new ObjectStore(root, new ObjectStoreOptions(options.CompressionLevel, options.FsyncEachObject)
        {
            Packed = options.PackObjects,
            PackSizeLimit = options.PackSizeLimit,
        });
        Manifests = new ManifestStore(root);
    }

    /// <summary>Gets the repository directory.</summary>
    public string Root { get; }

    /// <summary>Gets the repository's layout.</summary>
    public RepositoryFormat Format { get; private set; }

    /// <summary>Gets the object store.</summary>
    public ObjectStore Objects { get; }

    /// <summary>Gets the manifest store.</summary>
    public ManifestStore Manifests { get; }

    /// <summary>Opens the repository at <paramref name="path"/>, creating it when <paramref name="create"/> is set.</summary>
    /// <exception cref="DirectoryNotFoundException">There is no repository at <paramref name="path"/> and none is to be created.</exception>
    /// <exception cref="InvalidDataException"><c>repository.json</c> is malformed.</exception>
    public static async Task<ImageRepository> OpenAsync(string path, bool create, RepositoryOptions? options, CancellationToken cancellationToken)
    {
        options ??= new RepositoryOptions();
        var root = Path.GetFullPath(path);
        var formatPath = Path.Combine(root, FormatFileName);
        if (!File.Exists(formatPath))
        {
            if (!create)
            {
                throw new DirectoryNotFoundException($"'{path}' is not a SnapshotHA repository (no {FormatFileName}).");
            }

            Directory.CreateDirectory(root);
            var initial = options.PackObjects ? options.FormatForNew with { FormatVersion = RepositoryFormat.PackedVersion } : options.FormatForNew;
            var created = JsonSerializer.SerializeToUtf8Bytes(initial, ManifestSerializer.IndentedFormat);
            await AtomicFile.WriteDurableAsync(formatPath, created, cancellationToken);
        }

        RepositoryFormat? format;
        try
        {
            format = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(formatPath, cancellationToken), ManifestSerializer.CanonicalFormat);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{formatPath}' is not valid JSON: {e.Message}", e);
        }

        if (format is not null && format.FormatVersion is not (RepositoryFormat.LooseVersion or RepositoryFormat.PackedVersion))
        {
            throw new InvalidDataException(
                $"'{formatPath}' has format version {format.FormatVersion}; this snapshotha reads versions {RepositoryFormat.LooseVersion} (loose objects) and {RepositoryFormat.PackedVersion} (packs).");
        }

        if (format is null || format.ChunkSize < 4096 || format.ChunkSize > ObjectStoreOptions.MaxObjectSize ||
            format.ChunkSize % 512 != 0 || format.IndexFanOut < 2 || format.IndexFanOut > 65536)
        {
            throw new InvalidDataException($"'{formatPath}' has an unsupported format version, chunk size or fan-out.");
        }

        return new ImageRepository(root, format, options);
    }

    /// <summary>
    /// Merges each layer onto the parent image's disk (or onto an empty disk for a seed) and commits the new image.
    /// Deterministic: the same parent, layers and point in time give the same image id and manifest bytes, so a merge
    /// that crashed can simply be re-run. Holds the repository lock throughout.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The parent image does not exist.</exception>
    /// <exception cref="ArgumentException">The request is inconsistent (series, duplicate disk keys, no layers for a seed).</exception>
    /// <exception cref="InvalidDataException">A layer or a parent object is malformed.</exception>
    public async Task<MergeResult> MergeAsync(MergeRequest request, IProgress<MergeProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Series))
        {
            throw new ArgumentException("The series name must not be empty.", nameof(request));
        }

        var duplicate = request.Layers.GroupBy(l => l.DiskKey, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null || request.Layers.Any(l => string.IsNullOrWhiteSpace(l.DiskKey)))
        {
            throw new ArgumentException($"Disk keys must be non-empty and unique (duplicate: '{duplicate?.Key}').", nameof(request));
        }

        using var writerLock = await AcquireLockAsync(cancellationToken);
        var parent = request.ParentId is null ? null : Manifests.Read(request.ParentId);
        if (parent is null && request.Layers.Count == 0)
        {
            throw new ArgumentException("A seed image needs at least one disk layer.", nameof(request));
        }

        if (parent is not null && (parent.Series != request.Series || parent.ChunkSize != Format.ChunkSize || parent.IndexFanOut != Format.IndexFanOut))
        {
            throw new ArgumentException(
                $"Parent image {parent.Id} belongs to series '{parent.Series}' (chunk size {parent.ChunkSize}), not '{request.Series}' of this repository.",
                nameof(request));
        }

        var merger = new DiskMerger(Objects, Format) { Parallelism = _options.Parallelism };
        var disks = (parent?.Disks ?? []).ToDictionary(d => d.Key, StringComparer.Ordinal);
        var results = new List<DiskMergeResult>();
        foreach (var layer in request.Layers)
        {
            var result = await merger.MergeAsync(layer.DiskKey, disks.GetValueOrDefault(layer.DiskKey), layer.Layer, progress, cancellationToken);
            disks[layer.DiskKey] = result.Disk;
            results.Add(result);
        }

        if (results.Any(r => r.ChunksStored > 0 || r.PagesStored > 0))
        {
            await UpgradeForPacksAsync(cancellationToken);
            Objects.Flush(); // nothing new to make durable after an empty delta
        }
        var manifest = new ImageManifest(
            string.Empty,
            request.Series,
            parent?.Id,
            parent is null ? 0 : parent.Sequence + 1,
            request.PointInTime?.ToUniversalTime(),
            Format.ChunkSize,
            Format.IndexFanOut,
            [.. disks.Values.OrderBy(d => d.Key, StringComparer.Ordinal)]);
        manifest = manifest with { Id = ImageIds.Derive(manifest) };
        await Manifests.WriteAsync(manifest, cancellationToken);
        return new MergeResult(manifest, results);
    }

    /// <summary>Reads image <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such image.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not a well-formed image id.</exception>
    public ImageManifest GetImage(string id) => Manifests.Read(id);

    /// <summary>Lists the committed images, by series then sequence.</summary>
    public IReadOnlyList<ImageManifest> ListImages(Action<string>? onError = null) => Manifests.List(onError);

    /// <summary>Writes disk <paramref name="diskKey"/> of image <paramref name="imageId"/> as a flat VMDK.</summary>
    /// <returns>The extent's path.</returns>
    /// <exception cref="KeyNotFoundException">No such image or disk.</exception>
    public Task<string> MaterializeAsync(string imageId, string diskKey, string descriptorPath, CancellationToken cancellationToken)
    {
        var image = GetImage(imageId);
        var disk = image.FindDisk(diskKey)
            ?? throw new KeyNotFoundException($"Image {imageId} has no disk '{diskKey}' (it has: {string.Join(", ", image.Disks.Select(d => d.Key))}).");
        return new ImageMaterializer(Objects, image.ChunkSize, image.IndexFanOut).WriteFlatVmdkAsync(image.Id, disk, descriptorPath, cancellationToken);
    }

    /// <summary>
    /// Re-hashes every object of image <paramref name="imageId"/>, or of every image when null (objects in packs are
    /// read from their pack and re-hashed like loose ones), and checks every pack index (order, bounds, checksum).
    /// </summary>
    public VerifyReport Verify(string? imageId, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var images = imageId is null ? ListImages(errors.Add) : [GetImage(imageId)];
        var report = new ImageVerifier(Objects).Verify(images, cancellationToken);
        foreach (var pack in Objects.Packs.Sealed)
        {
            if (pack.CheckIndex() is { } problem)
            {
                errors.Add(problem);
            }
        }

        return errors.Count == 0 ? report : report with { Problems = [.. errors, .. report.Problems] };
    }

    /// <summary>Removes images the policy expires, then collects garbage. Holds the repository lock.</summary>
    public async Task<PruneReport> PruneAsync(RetentionPolicy policy, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        using var writerLock = await AcquireLockAsync(cancellationToken);
        var images = ListImages();
        var expired = policy.SelectExpired(images, _options.TimeProvider.GetUtcNow());
        if (dryRun)
        {
            return new PruneReport([.. expired.Select(i => i.Id)], null);
        }

        foreach (var image in expired)
        {
            Manifests.Delete(image.Id);
        }

        NativeMethods.FsyncDirectory(Manifests.Root);
        var garbage = CollectGarbageLocked(cancellationToken);
        return new PruneReport([.. expired.Select(i => i.Id)], garbage);
    }

    /// <summary>Deletes objects no image references (older than the grace period). Holds the repository lock.</summary>
    public async Task<GarbageReport> CollectGarbageAsync(CancellationToken cancellationToken)
    {
        using var writerLock = await AcquireLockAsync(cancellationToken);
        return CollectGarbageLocked(cancellationToken);
    }

    /// <summary>Releases pooled compressors.</summary>
    public void Dispose() => Objects.Dispose();

    private GarbageReport CollectGarbageLocked(CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var images = ListImages(errors.Add);
        if (errors.Count > 0)
        {
            throw new InvalidDataException($"Garbage collection refused: unreadable manifests would lose their objects: {string.Join("; ", errors)}");
        }

        return new GarbageCollector(Objects, _options.TimeProvider).Collect(images, _options.GarbageGracePeriod, cancellationToken);
    }

    /// <summary>
    /// Marks a format-1 repository as format 2 before its first pack is committed, so that older binaries refuse it
    /// with a clear version error instead of missing the packed objects.
    /// </summary>
    private async Task UpgradeForPacksAsync(CancellationToken cancellationToken)
    {
        if (!Objects.Packed || Format.FormatVersion >= RepositoryFormat.PackedVersion)
        {
            return;
        }

        var upgraded = Format with { FormatVersion = RepositoryFormat.PackedVersion };
        await AtomicFile.WriteDurableAsync(Path.Combine(Root, FormatFileName), JsonSerializer.SerializeToUtf8Bytes(upgraded, ManifestSerializer.IndentedFormat), cancellationToken);
        Format = upgraded;
    }

    private Task<RepositoryLock> AcquireLockAsync(CancellationToken cancellationToken) =>
        RepositoryLock.AcquireAsync(Root, _options.LockTimeout, _options.TimeProvider, cancellationToken);
}
