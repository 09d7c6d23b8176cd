using Microsoft.Extensions.Time.Testing;
using SnapshotHa.Repository.Maintenance;
using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Tests;

public sealed class MaintenanceTests
{
    [Fact]
    public async Task Verify_reports_a_corrupted_loose_chunk_and_passes_when_intact()
    {
        await using var fixture = await RepositoryFixture.CreateAsync(RepositoryFixture.SmallOptions() with { PackObjects = false });
        var seed = await fixture.MergeAsync(null, ("a", new MemoryLayer(64 * 1024).Write(0, 12 * 1024, 1)));
        fixture.Repository.Verify(null, CancellationToken.None).Ok.Should().BeTrue();
        var chunk = fixture.Repository.Objects.Enumerate().First(o => o.Length > 4096);
        var bytes = await File.ReadAllBytesAsync(chunk.Path);
        bytes[^1] ^= 0xff;
        await File.WriteAllBytesAsync(chunk.Path, bytes);

        var report = fixture.Repository.Verify(seed.Image.Id, CancellationToken.None);

        report.Ok.Should().BeFalse();
        report.Problems.Should().ContainSingle().Which.Should().Contain(chunk.Hash.ToString()[..2]);
    }

    [Fact]
    public async Task Prune_keeps_the_newest_images_and_collection_frees_only_unreferenced_objects()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(10));
        await using var fixture = await RepositoryFixture.CreateAsync(RepositoryFixture.SmallOptions() with
        {
            TimeProvider = clock,
            GarbageGracePeriod = TimeSpan.FromHours(1),
        });
        var seed = await fixture.MergeAsync(null, ("a", new MemoryLayer(64 * 1024).Write(0, 8192, 1)));
        var second = await fixture.MergeAsync(seed.Image.Id, ("a", new MemoryLayer(64 * 1024).Write(0, 4096, 3)));
        var third = await fixture.MergeAsync(second.Image.Id, ("a", new MemoryLayer(64 * 1024).Write(0, 4096, 5)));
        var expectedContent = await fixture.ReadDiskAsync(third.Image, "a");
        foreach (var stored in fixture.Repository.Objects.Enumerate())
        {
            File.SetLastWriteTimeUtc(stored.Path, clock.GetUtcNow().UtcDateTime.AddHours(-2));
        }

        var report = await fixture.Repository.PruneAsync(new RetentionPolicy(KeepLast: 2, KeepWithin: null), dryRun: false, CancellationToken.None);

        report.Removed.Should().Equal(seed.Image.Id);
        report.Garbage!.Deleted.Should().Be(3, "only the seed's first chunk and its leaf and root pages are no longer referenced");
        fixture.Repository.ListImages().Select(i => i.Id).Should().BeEquivalentTo([second.Image.Id, third.Image.Id]);
        fixture.Repository.Verify(null, CancellationToken.None).Ok.Should().BeTrue();
        (await fixture.ReadDiskAsync(third.Image, "a")).Should().Equal(expectedContent);
    }

    [Fact]
    public async Task Collection_keeps_unreferenced_objects_younger_than_the_grace_period()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var fixture = await RepositoryFixture.CreateAsync(RepositoryFixture.SmallOptions() with { TimeProvider = clock });
        var seed = await fixture.MergeAsync(null, ("a", new MemoryLayer(64 * 1024).Write(0, 8192, 1)));
        fixture.Repository.Manifests.Delete(seed.Image.Id); // as if a merge crashed before committing

        var young = await fixture.Repository.CollectGarbageAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(2));
        var old = await fixture.Repository.CollectGarbageAsync(CancellationToken.None);

        young.Deleted.Should().Be(0);
        young.KeptYoung.Should().BeGreaterThan(0);
        old.Deleted.Should().Be(young.KeptYoung);
        fixture.Repository.Objects.Enumerate().Should().BeEmpty();
    }

    [Fact]
    public async Task Retention_by_age_keeps_recent_points_in_time()
    {
        var images = new[] { 0, 1, 2, 3 }
            .Select(day => new Manifests.ImageManifest(new string((char)('a' + day), 32), "s", null, day, DateTimeOffset.UnixEpoch.AddDays(day), 4096, 4, []))
            .ToList();

        var expired = new RetentionPolicy(KeepLast: 1, KeepWithin: TimeSpan.FromDays(1.5)).SelectExpired(images, DateTimeOffset.UnixEpoch.AddDays(3));

        expired.Select(i => i.Sequence).Should().Equal(1, 0);
    }

    [Fact]
    public async Task A_second_writer_waits_for_the_lock_and_gives_up_with_a_clear_error()
    {
        await using var fixture = await RepositoryFixture.CreateAsync();
        using var held = await RepositoryLock.AcquireAsync(fixture.Directory, TimeSpan.Zero, TimeProvider.System, CancellationToken.None);

        var second = () => RepositoryLock.AcquireAsync(fixture.Directory, TimeSpan.FromMilliseconds(300), TimeProvider.System, CancellationToken.None);

        (await second.Should().ThrowAsync<TimeoutException>()).WithMessage("*locked by another writer*");
    }

    [Fact]
    public async Task A_tampered_manifest_is_rejected()
    {
        await using var fixture = await RepositoryFixture.CreateAsync();
        var seed = await fixture.MergeAsync(null, ("a", new MemoryLayer(8192).Write(0, 512, 1)));
        var path = fixture.Repository.Manifests.PathOf(seed.Image.Id);
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace("\"vm-1\"", "\"vm-2\"", StringComparison.Ordinal));

        var read = () => fixture.Repository.GetImage(seed.Image.Id);

        read.Should().Throw<InvalidDataException>().WithMessage("*does not match its content*");
    }
}
