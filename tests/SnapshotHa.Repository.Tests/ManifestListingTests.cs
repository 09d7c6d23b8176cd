using SnapshotHa.Repository.Manifests;

namespace SnapshotHa.Repository.Tests;

public sealed class ManifestListingTests
{
    [Fact]
    public async Task Listing_again_reuses_parsed_manifests_but_sees_deleted_rewritten_and_corrupted_files()
    {
        await using var fixture = await RepositoryFixture.CreateAsync(RepositoryFixture.SmallOptions());
        var seed = await fixture.MergeAsync(null, ("a", new MemoryLayer(64 * 1024).Write(0, 8192, 1)));
        var second = await fixture.MergeAsync(seed.Image.Id, ("a", new MemoryLayer(64 * 1024).Write(0, 4096, 3)));
        var first = fixture.Repository.ListImages();
        first.Select(i => i.Id).Should().Equal(seed.Image.Id, second.Image.Id);

        var again = fixture.Repository.ListImages();
        again.Should().HaveCount(2);
        again[1].Should().BeSameAs(first[1], "an unchanged manifest file is not parsed again");
        new ManifestStore(fixture.Directory).List()[1].Should().BeSameAs(first[1], "another store of the same repository shares the parsed manifests");

        var path = fixture.Repository.Manifests.PathOf(second.Image.Id);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes);
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(1));
        var errors = new List<string>();
        fixture.Repository.ListImages(errors.Add).Select(i => i.Id).Should().Equal(seed.Image.Id);
        errors.Should().ContainSingle().Which.Should().Contain(second.Image.Id);

        fixture.Repository.Manifests.Delete(second.Image.Id);
        fixture.Repository.Manifests.Delete(seed.Image.Id);
        fixture.Repository.ListImages().Should().BeEmpty("deleted manifests are not listed from memory");
    }
}
