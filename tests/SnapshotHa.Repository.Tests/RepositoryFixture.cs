using SnapshotHa.Repository.Manifests;
using SnapshotHa.Repository.Materializing;
using SnapshotHa.Repository.Merging;

namespace SnapshotHa.Repository.Tests;

/// <summary>A repository in a fresh temporary directory, deleted on dispose.</summary>
internal sealed class RepositoryFixture : IAsyncDisposable
{
    private RepositoryFixture(string directory, ImageRepository repository)
    {
        Directory = directory;
        Repository = repository;
    }

    public string Directory { get; }

    public ImageRepository Repository { get; }

    public static async Task<RepositoryFixture> CreateAsync(RepositoryOptions? options = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "snapshotha-repo-" + Guid.NewGuid().ToString("N"));
        var repository = await ImageRepository.OpenAsync(directory, create: true, options ?? SmallOptions(), CancellationToken.None);
        return new RepositoryFixture(directory, repository);
    }

    /// <summary>4 KiB chunks and 4-entry pages, so small disks have deep index trees.</summary>
    public static RepositoryOptions SmallOptions() => new() { FormatForNew = new RepositoryFormat(4096, 4) };

    public Task<MergeResult> MergeAsync(string? parent, params (string Key, MemoryLayer Layer)[] layers) =>
        Repository.MergeAsync(
            new MergeRequest("vm-1", parent, [.. layers.Select(l => new LayerInput(l.Key, l.Layer))], DateTimeOffset.UnixEpoch.AddDays(parent is null ? 0 : 1)),
            null,
            CancellationToken.None);

    public async Task<byte[]> ReadDiskAsync(ImageManifest image, string key)
    {
        using var stream = new MemoryStream();
        var materializer = new ImageMaterializer(Repository.Objects, image.ChunkSize, image.IndexFanOut);
        await materializer.WriteExtentAsync(image.FindDisk(key)!, stream, CancellationToken.None);
        return stream.ToArray();
    }

    public ValueTask DisposeAsync()
    {
        Repository.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
