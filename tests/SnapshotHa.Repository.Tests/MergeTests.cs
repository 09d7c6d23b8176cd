using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Tests;

public sealed class MergeTests
{
    [Fact]
    public async Task Seed_then_delta_materializes_the_layers_applied_in_order()
    {
        await using var fixture = await RepositoryFixture.CreateAsync();
        var model = new byte[256 * 1024];
        var seed = new MemoryLayer(model.Length).Write(0, 100 * 1024, 1).Write(200 * 1024, 8192, 3);
        var delta = new MemoryLayer(model.Length).Write(4096 + 512, 1024, 5).Zero(200 * 1024, 4096).Write(250 * 1024, 512, 4);
        seed.ApplyTo(model);
        var first = await fixture.MergeAsync(null, ("scsi0:0", seed));
        var seedBytes = await fixture.ReadDiskAsync(first.Image, "scsi0:0");
        seedBytes.Should().Equal(model);

        delta.ApplyTo(model);
        var second = await fixture.MergeAsync(first.Image.Id, ("scsi0:0", delta));

        (await fixture.ReadDiskAsync(second.Image, "scsi0:0")).Should().Equal(model);
        (await fixture.ReadDiskAsync(fixture.Repository.GetImage(first.Image.Id), "scsi0:0")).Should().Equal(seedBytes);
        second.Image.Parent.Should().Be(first.Image.Id);
        second.Image.Sequence.Should().Be(1);
    }

    [Fact]
    public async Task Rerunning_a_merge_commits_the_identical_manifest()
    {
        await using var fixture = await RepositoryFixture.CreateAsync();
        var seed = await fixture.MergeAsync(null, ("a", new MemoryLayer(64 * 1024).Write(0, 8192, 7)));
        var delta = new MemoryLayer(64 * 1024).Write(4096, 4096, 9);
        var once = await fixture.MergeAsync(seed.Image.Id, ("a", delta));
        var path = fixture.Repository.Manifests.PathOf(once.Image.Id);
        var bytes = await File.ReadAllBytesAsync(path);

        var again = await fixture.MergeAsync(seed.Image.Id, ("a", delta));

        again.Image.Id.Should().Be(once.Image.Id);
        (await File.ReadAllBytesAsync(path)).Should().Equal(bytes);
    }

    [Fact]
    public async Task Disks_not_named_keep_the_parents_content_and_an_empty_layer_keeps_the_root()
    {
        await using var fixture = await RepositoryFixture.CreateAsync();
        var seed = await fixture.MergeAsync(null, ("a", new MemoryLayer(64 * 1024).Write(0, 4096, 1)), ("b", new MemoryLayer(32 * 1024).Write(512, 512, 3)));

        var next = await fixture.MergeAsync(seed.Image.Id, ("a", new MemoryLayer(64 * 1024)));

        next.Image.Disks.Should().Equal(seed.Image.Disks);
        next.Image.Id.Should().NotBe(seed.Image.Id);
        next.Disks.Single().ChunksTouched.Should().Be(0);
    }

    [Fact]
    public async Task A_small_change_to_a_large_disk_rewrites_one_page_per_level()
    {
        await using var fixture = await RepositoryFixture.CreateAsync();
        var capacity = 4096L * 4 * 4 * 4 * 4; // 256 chunks: 4 levels of 4-entry pages
        var full = new MemoryLayer(capacity).Write(0, (int)capacity, 11);
        var seed = await fixture.MergeAsync(null, ("a", full));

        var next = await fixture.MergeAsync(seed.Image.Id, ("a", new MemoryLayer(capacity).Write(4096 * 77, 512, 13)));

        next.Disks.Single().PagesStored.Should().Be(4);
        next.Disks.Single().ChunksStored.Should().Be(1);
    }

    [Fact]
    public async Task A_chunk_fully_covered_by_the_layer_is_not_read_from_the_parent()
    {
        await using var fixture = await RepositoryFixture.CreateAsync(RepositoryFixture.SmallOptions() with { PackObjects = false });
        var seed = await fixture.MergeAsync(null, ("a", new MemoryLayer(16 * 1024).Write(0, 16 * 1024, 1)));
        foreach (var stored in fixture.Repository.Objects.Enumerate().Where(o => o.Length > 4000 && o.Length < 4200))
        {
            File.Delete(stored.Path); // every data chunk of the parent is gone; only pages stay
        }

        var next = await fixture.MergeAsync(seed.Image.Id, ("a", new MemoryLayer(16 * 1024).Write(4096, 4096, 3)));

        next.Disks.Single().ChunksStored.Should().Be(1);
        fixture.Repository.Verify(next.Image.Id, CancellationToken.None).Problems.Should().HaveCount(3, "the three untouched chunks were deleted");
    }

    [Fact]
    public async Task A_layer_of_another_capacity_is_refused_naming_the_disk()
    {
        await using var fixture = await RepositoryFixture.CreateAsync();
        var seed = await fixture.MergeAsync(null, ("scsi0:1", new MemoryLayer(64 * 1024)));

        var merge = () => fixture.MergeAsync(seed.Image.Id, ("scsi0:1", new MemoryLayer(128 * 1024)));

        (await merge.Should().ThrowAsync<InvalidDataException>()).WithMessage("*'scsi0:1'*capacity*");
    }

    [Fact]
    public async Task A_missing_parent_is_reported_by_id()
    {
        await using var fixture = await RepositoryFixture.CreateAsync();

        var merge = () => fixture.MergeAsync(new string('a', 32), ("a", new MemoryLayer(4096)));

        (await merge.Should().ThrowAsync<KeyNotFoundException>()).WithMessage("*aaaaaaaa*");
    }

    [Fact]
    public async Task All_zero_chunks_are_not_stored()
    {
        await using var fixture = await RepositoryFixture.CreateAsync();

        var seed = await fixture.MergeAsync(null, ("a", new MemoryLayer(1024 * 1024).Write(0, 1024 * 1024, 0).Zero(4096, 4096)));

        seed.Disks.Single().ChunksStored.Should().Be(0);
        seed.Image.Disks.Single().Root.Should().Be(ContentHash.Zero.ToString());
        (await fixture.ReadDiskAsync(seed.Image, "a")).Should().OnlyContain(b => b == 0).And.HaveCount(1024 * 1024);
    }
}
