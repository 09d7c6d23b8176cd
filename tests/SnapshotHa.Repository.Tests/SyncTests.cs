using Amazon.S3.Model;
using SnapshotHa.Repository.Packs;
using SnapshotHa.Repository.Sync;

namespace SnapshotHa.Repository.Tests;

public sealed class SyncTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    [Fact]
    public async Task Directory_sync_copies_a_verifiable_repository_and_then_nothing()
    {
        await using var fixture = await TwoImagesAsync();
        var targetDirectory = fixture.Directory + "-copy";
        try
        {
            using var target = new DirectorySyncTarget(targetDirectory);
            var first = await new RepositorySync(fixture.Repository, target).SyncAsync(null, null, CancellationToken.None);
            var second = await new RepositorySync(fixture.Repository, target).SyncAsync(null, null, CancellationToken.None);

            first.ImagesCopied.Should().Be(2);
            first.ObjectsCopied.Should().Be(fixture.Repository.Objects.Enumerate().Count());
            second.Should().Be(new SyncReport(0, 2, 0, 0, 0));
            using var copy = await ImageRepository.OpenAsync(targetDirectory, create: false, null, CancellationToken.None);
            copy.Verify(null, CancellationToken.None).Ok.Should().BeTrue();
            copy.ListImages().Should().BeEquivalentTo(fixture.Repository.ListImages());
        }
        finally
        {
            Directory.Delete(targetDirectory, recursive: true);
        }
    }

    [Theory]
    [InlineData(true, 2, 0)] // repository.json and the first pack arrive; the pack without its index does not count
    [InlineData(false, 5, 4)] // repository.json and four loose objects arrive
    public async Task An_interrupted_sync_shows_no_partial_image_and_resumes_with_the_rest(bool usePacks, int failAfter, int objectsArrived)
    {
        await using var fixture = await TwoImagesAsync();
        var targetDirectory = fixture.Directory + "-copy";
        try
        {
            using var inner = new DirectorySyncTarget(targetDirectory);
            var failing = new FailingTarget(inner, failAfter);
            var interrupted = () => new RepositorySync(fixture.Repository, failing) { Parallelism = 1, UsePacks = usePacks }.SyncAsync(null, null, CancellationToken.None);
            await interrupted.Should().ThrowAsync<IOException>();
            (await inner.ListAsync("images/", CancellationToken.None)).Should().BeEmpty();

            var resumed = await new RepositorySync(fixture.Repository, inner) { UsePacks = usePacks }.SyncAsync(null, null, CancellationToken.None);

            resumed.ImagesCopied.Should().Be(2);
            resumed.ObjectsCopied.Should().Be(fixture.Repository.Objects.Enumerate().Count() - objectsArrived);
            using var copy = await ImageRepository.OpenAsync(targetDirectory, create: false, null, CancellationToken.None);
            copy.Verify(null, CancellationToken.None).Ok.Should().BeTrue();
        }
        finally
        {
            Directory.Delete(targetDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task S3_sync_stores_objects_byte_exact_and_resumes_with_nothing_to_copy()
    {
        await using var fixture = await TwoImagesAsync();
        using var client = s3.CreateClient();
        await client.PutBucketAsync("backups");
        using var target = new S3SyncTarget(s3.CreateClient(), "backups", "site-b/repo");

        var first = await new RepositorySync(fixture.Repository, target).SyncAsync(null, null, CancellationToken.None);
        var second = await new RepositorySync(fixture.Repository, target).SyncAsync(null, null, CancellationToken.None);

        first.ObjectsCopied.Should().Be(fixture.Repository.Objects.Enumerate().Count());
        second.ObjectsCopied.Should().Be(0);
        second.ImagesPresent.Should().Be(2);
        var local = fixture.Repository.Objects.Enumerate().MaxBy(o => o.Length)!;
        var packs = await target.ListAsync("packs/", CancellationToken.None);
        var located = packs.Where(k => k.EndsWith(".idx", StringComparison.Ordinal))
            .Select(k => (Key: k, Entries: PackIndexFile.Parse(target.GetAsync(k, CancellationToken.None).GetAwaiter().GetResult()!, k)))
            .Single(p => p.Entries.Any(e => e.Hash == local.Hash));
        var entry = located.Entries.Single(e => e.Hash == local.Hash);
        var pack = await target.GetAsync(located.Key.Replace(".idx", ".pack", StringComparison.Ordinal), CancellationToken.None);
        pack.AsSpan((int)entry.Offset, entry.Length).ToArray().Should().Equal(fixture.Repository.Objects.ReadVerifiedFile(local.Hash, 4096));
        (await target.ListAsync("images/", CancellationToken.None)).Should().HaveCount(2);
    }

    private static async Task<RepositoryFixture> TwoImagesAsync()
    {
        var fixture = await RepositoryFixture.CreateAsync();
        var seed = await fixture.MergeAsync(null, ("a", new MemoryLayer(256 * 1024).Write(0, 64 * 1024, 1).Write(128 * 1024, 8192, 2)));
        await fixture.MergeAsync(seed.Image.Id, ("a", new MemoryLayer(256 * 1024).Write(4096, 4096, 3)));
        return fixture;
    }

    private sealed class FailingTarget(ISyncTarget inner, int failAfter) : ISyncTarget
    {
        private int _puts;

        public string Name => inner.Name;

        public Task<IReadOnlySet<string>> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);

        public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _puts) > failAfter
                ? throw new IOException("connection lost")
                : inner.PutAsync(key, content, cancellationToken);

        public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

        public void Dispose()
        {
        }
    }
}
