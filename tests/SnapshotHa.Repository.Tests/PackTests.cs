using Microsoft.Extensions.Time.Testing;
using SnapshotHa.Repository.Maintenance;
using SnapshotHa.Repository.Packs;

namespace SnapshotHa.Repository.Tests;

public sealed class PackTests
{
    [Fact]
    public async Task A_merge_writes_one_pack_and_commits_the_same_image_as_loose_objects()
    {
        await using var packed = await RepositoryFixture.CreateAsync();
        await using var loose = await RepositoryFixture.CreateAsync(RepositoryFixture.SmallOptions() with { PackObjects = false });
        var layer = new MemoryLayer(256 * 1024).Write(0, 64 * 1024, 1).Write(128 * 1024, 8192, 2);

        var inPack = await packed.MergeAsync(null, ("a", layer));
        var asFiles = await loose.MergeAsync(null, ("a", layer));

        inPack.Image.Id.Should().Be(asFiles.Image.Id);
        (await File.ReadAllBytesAsync(packed.Repository.Manifests.PathOf(inPack.Image.Id)))
            .Should().Equal(await File.ReadAllBytesAsync(loose.Repository.Manifests.PathOf(asFiles.Image.Id)));
        Directory.GetFiles(Path.Combine(packed.Directory, PackFile.DirectoryName)).Select(Path.GetExtension)
            .Should().BeEquivalentTo([PackFile.PackExtension, PackFile.IndexExtension]);
        Directory.Exists(packed.Repository.Objects.Root).Should().BeFalse("no loose object is written");
        (await packed.ReadDiskAsync(inPack.Image, "a")).Should().Equal(await loose.ReadDiskAsync(asFiles.Image, "a"));
        packed.Repository.Format.FormatVersion.Should().Be(RepositoryFormat.PackedVersion);
    }

    [Fact]
    public async Task Verify_reports_a_corrupted_chunk_inside_a_pack()
    {
        await using var fixture = await RepositoryFixture.CreateAsync();
        var seed = await fixture.MergeAsync(null, ("a", new MemoryLayer(64 * 1024).Write(0, 12 * 1024, 1)));
        fixture.Repository.Verify(null, CancellationToken.None).Ok.Should().BeTrue();
        var chunk = fixture.Repository.Objects.Enumerate().First(o => o.Length > 4096);
        var bytes = await File.ReadAllBytesAsync(chunk.Path);
        bytes[chunk.Offset + chunk.Length - 1] ^= 0xff;
        await File.WriteAllBytesAsync(chunk.Path, bytes);

        using var reopened = await ImageRepository.OpenAsync(fixture.Directory, create: false, null, CancellationToken.None);
        var report = reopened.Verify(seed.Image.Id, CancellationToken.None);

        report.Ok.Should().BeFalse();
        report.Problems.Should().ContainSingle().Which.Should().Contain(chunk.Hash.ToString());
    }

    [Fact]
    public async Task Verify_reports_a_tampered_pack_index()
    {
        await using var fixture = await RepositoryFixture.CreateAsync();
        await fixture.MergeAsync(null, ("a", new MemoryLayer(64 * 1024).Write(0, 12 * 1024, 1)));
        var index = Directory.GetFiles(Path.Combine(fixture.Directory, PackFile.DirectoryName), "*" + PackFile.IndexExtension).Single();
        var bytes = await File.ReadAllBytesAsync(index);
        bytes[PackIndexFile.HeaderSize + PackIndexFile.FanOutSize + PackIndexFile.EntrySize - 1] ^= 0x01; // a length byte
        await File.WriteAllBytesAsync(index, bytes);

        using var reopened = await ImageRepository.OpenAsync(fixture.Directory, create: false, null, CancellationToken.None);
        var report = reopened.Verify(null, CancellationToken.None);

        report.Ok.Should().BeFalse();
        report.Problems.Should().Contain(p => p.Contains(index, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_loose_repository_stays_readable_and_its_next_merge_packs_and_upgrades_the_format()
    {
        var options = RepositoryFixture.SmallOptions() with { PackObjects = false };
        await using var fixture = await RepositoryFixture.CreateAsync(options);
        var seed = await fixture.MergeAsync(null, ("a", new MemoryLayer(64 * 1024).Write(0, 20 * 1024, 1)));
        fixture.Repository.Format.FormatVersion.Should().Be(RepositoryFormat.LooseVersion);

        using var upgraded = await ImageRepository.OpenAsync(fixture.Directory, create: false, null, CancellationToken.None);
        var next = await upgraded.MergeAsync(
            new Merging.MergeRequest("vm-1", seed.Image.Id, [new Merging.LayerInput("a", new MemoryLayer(64 * 1024).Write(4096, 4096, 3))], null),
            null,
            CancellationToken.None);

        upgraded.Format.FormatVersion.Should().Be(RepositoryFormat.PackedVersion);
        upgraded.Verify(null, CancellationToken.None).Ok.Should().BeTrue();
        var expected = new MemoryLayer(64 * 1024).Write(0, 20 * 1024, 1).Write(4096, 4096, 3);
        var materialized = new byte[64 * 1024];
        await expected.ReadAsync(0, materialized, CancellationToken.None);
        using var stream = new MemoryStream();
        await new Materializing.ImageMaterializer(upgraded.Objects, 4096, 4).WriteExtentAsync(next.Image.Disks.Single(), stream, CancellationToken.None);
        stream.ToArray().Should().Equal(materialized);
    }

    [Fact]
    public async Task A_small_pack_size_limit_spreads_a_merge_over_several_packs()
    {
        await using var fixture = await RepositoryFixture.CreateAsync(RepositoryFixture.SmallOptions() with { PackSizeLimit = 20 * 1024 });
        var layer = new MemoryLayer(256 * 1024).Write(0, 256 * 1024, 7);

        var seed = await fixture.MergeAsync(null, ("a", layer));

        Directory.GetFiles(Path.Combine(fixture.Directory, PackFile.DirectoryName), "*" + PackFile.IndexExtension).Should().HaveCountGreaterThan(5);
        fixture.Repository.Verify(null, CancellationToken.None).Ok.Should().BeTrue();
        var expected = new byte[256 * 1024];
        await layer.ReadAsync(0, expected, CancellationToken.None);
        (await fixture.ReadDiskAsync(seed.Image, "a")).Should().Equal(expected);
    }

    [Fact]
    public async Task Collection_drops_dead_packs_rewrites_sparse_ones_and_removes_old_leftovers_only()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(10));
        await using var fixture = await RepositoryFixture.CreateAsync(RepositoryFixture.SmallOptions() with { TimeProvider = clock });
        var seed = await fixture.MergeAsync(null, ("a", new MemoryLayer(64 * 1024).Write(0, 64 * 1024, 1)));
        var next = await fixture.MergeAsync(seed.Image.Id, ("a", new MemoryLayer(64 * 1024).Write(0, 60 * 1024, 3)));
        var packs = Path.Combine(fixture.Directory, PackFile.DirectoryName);
        var leftover = Path.Combine(packs, "pack.tmp-1-1.pack");
        var orphan = Path.Combine(packs, "0123456789abcdef0123456789abcdef.pack");
        await File.WriteAllBytesAsync(leftover, new byte[100]);
        await File.WriteAllBytesAsync(orphan, new byte[100]);
        foreach (var file in Directory.GetFiles(packs).Where(f => f != orphan))
        {
            File.SetLastWriteTimeUtc(file, clock.GetUtcNow().UtcDateTime.AddHours(-2));
        }

        var expected = await fixture.ReadDiskAsync(next.Image, "a");
        var report = await fixture.Repository.PruneAsync(new RetentionPolicy(KeepLast: 1, KeepWithin: null), dryRun: false, CancellationToken.None);

        report.Removed.Should().Equal(seed.Image.Id);
        report.Garbage!.Deleted.Should().Be(15 + 5, "15 of the seed's 16 chunks and its 5 pages are overwritten");
        File.Exists(leftover).Should().BeFalse();
        File.Exists(orphan).Should().BeTrue("a pack without index younger than the grace period may belong to a merge in flight");
        Directory.GetFiles(packs, "*" + PackFile.IndexExtension).Should().HaveCount(2, "the second merge's pack and the rewritten live part of the seed's");
        fixture.Repository.Objects.Enumerate().Should().OnlyHaveUniqueItems(o => o.Hash);
        fixture.Repository.Verify(null, CancellationToken.None).Ok.Should().BeTrue();
        (await fixture.ReadDiskAsync(next.Image, "a")).Should().Equal(expected);
    }

    [Fact]
    public async Task A_merge_that_fails_leaves_no_pack_and_its_rerun_commits_the_same_image()
    {
        await using var fixture = await RepositoryFixture.CreateAsync();
        var seed = await fixture.MergeAsync(null, ("a", new MemoryLayer(64 * 1024).Write(0, 8192, 1)));
        var packsBefore = Directory.GetFiles(Path.Combine(fixture.Directory, PackFile.DirectoryName));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var failed = () => fixture.Repository.MergeAsync(
            new Merging.MergeRequest("vm-1", seed.Image.Id, [new Merging.LayerInput("a", new MemoryLayer(64 * 1024).Write(0, 64 * 1024, 5))], null),
            null,
            cancelled.Token);
        await failed.Should().ThrowAsync<OperationCanceledException>();

        Directory.GetFiles(Path.Combine(fixture.Directory, PackFile.DirectoryName)).Should().BeEquivalentTo(packsBefore);
        var once = await fixture.MergeAsync(seed.Image.Id, ("a", new MemoryLayer(64 * 1024).Write(0, 64 * 1024, 5)));
        var again = await fixture.MergeAsync(seed.Image.Id, ("a", new MemoryLayer(64 * 1024).Write(0, 64 * 1024, 5)));
        again.Image.Id.Should().Be(once.Image.Id);
        again.Disks.Single().ChunksStored.Should().Be(0, "every chunk is found in the first run's pack");
    }

    [Fact]
    public async Task An_empty_delta_writes_no_object_and_keeps_the_parent_tree()
    {
        await using var fixture = await RepositoryFixture.CreateAsync();
        var seed = await fixture.MergeAsync(null, ("a", new MemoryLayer(64 * 1024).Write(0, 8192, 1)));
        var packsBefore = Directory.GetFiles(Path.Combine(fixture.Directory, PackFile.DirectoryName));

        var next = await fixture.MergeAsync(seed.Image.Id, ("a", new MemoryLayer(64 * 1024)));

        next.Image.Disks.Should().Equal(seed.Image.Disks);
        next.Image.Id.Should().NotBe(seed.Image.Id);
        next.Disks.Single().ChunksTouched.Should().Be(0);
        Directory.GetFiles(Path.Combine(fixture.Directory, PackFile.DirectoryName)).Should().BeEquivalentTo(packsBefore);
    }
}
