using CsCheck;
using SnapshotHa.Repository.Packs;

namespace SnapshotHa.Repository.Tests;

/// <summary>
/// The merge pipeline's result does not depend on how many threads run it: the same image, the same pack bytes (chunks
/// appended in chunk order), across many batches and ring wrap-arounds.
/// </summary>
public sealed class MergeParallelismTests
{
    private const int CapacitySectors = 8192; // 4 MiB: 1,024 chunks of 4 KiB, about 64 batches

    private static readonly Gen<(int Sector, int Sectors, int Seed, bool Zero)[]> Writes =
        Gen.Select(Gen.Int[0, CapacitySectors - 1], Gen.Int[1, 2048], Gen.Int[0, 1000], Gen.Int[0, 5].Select(z => z == 0),
            (sector, sectors, seed, zero) => (sector, sectors, seed, zero)).Array[1, 30];

    [Fact]
    public void One_thread_and_several_threads_commit_the_same_image_and_pack() =>
        Writes.Sample(
            writes => Check(writes).GetAwaiter().GetResult(),
            iter: 15,
            threads: 1);

    [Fact]
    public async Task A_read_failure_in_the_middle_fails_the_merge_and_commits_nothing()
    {
        await using var fixture = await RepositoryFixture.CreateAsync(RepositoryFixture.SmallOptions() with { Parallelism = 3 });
        var layer = new FailingLayer(new MemoryLayer(CapacitySectors * 512L).Write(0, CapacitySectors * 512, 1), failAt: 300);

        var merge = () => fixture.Repository.MergeAsync(
            new Merging.MergeRequest("vm-1", null, [new Merging.LayerInput("d", layer)], null), null, CancellationToken.None);

        await merge.Should().ThrowAsync<InvalidDataException>().WithMessage("*unreadable*");
        fixture.Repository.ListImages().Should().BeEmpty();
        Directory.GetFiles(fixture.Directory, "*" + PackFile.IndexExtension, SearchOption.AllDirectories).Should().BeEmpty("no pack is committed");
    }

    [Fact]
    public async Task A_cancelled_merge_stops_with_cancellation()
    {
        await using var fixture = await RepositoryFixture.CreateAsync(RepositoryFixture.SmallOptions() with { Parallelism = 2 });
        using var cancel = new CancellationTokenSource();
        var layer = new FailingLayer(new MemoryLayer(CapacitySectors * 512L).Write(0, CapacitySectors * 512, 1), failAt: int.MaxValue);

        var merge = () => fixture.Repository.MergeAsync(
            new Merging.MergeRequest("vm-1", null, [new Merging.LayerInput("d", layer)], null), new SynchronousProgress(cancel), cancel.Token);

        await merge.Should().ThrowAsync<OperationCanceledException>();
        fixture.Repository.ListImages().Should().BeEmpty();
    }

    private sealed class SynchronousProgress(CancellationTokenSource cancel) : IProgress<Merging.MergeProgress>
    {
        public void Report(Merging.MergeProgress value) => cancel.Cancel();
    }

    private static async Task<bool> Check((int Sector, int Sectors, int Seed, bool Zero)[] writes)
    {
        var model = new byte[CapacitySectors * 512L];
        var results = new List<(string Id, byte[] Pack, byte[] Disk)>();
        foreach (var parallelism in new[] { 1, 2, 5 })
        {
            await using var fixture = await RepositoryFixture.CreateAsync(RepositoryFixture.SmallOptions() with { Parallelism = parallelism });
            var seed = await fixture.MergeAsync(null, ("d", new MemoryLayer(model.Length).Write(0, 64 * 1024, 1)));
            var layer = new MemoryLayer(model.Length);
            foreach (var (sector, sectors, contentSeed, zero) in writes)
            {
                var count = Math.Min(sectors, CapacitySectors - sector);
                _ = zero ? layer.Zero(sector * 512L, count * 512) : layer.Write(sector * 512L, count * 512, contentSeed);
            }

            var packsBefore = Directory.GetFiles(Path.Combine(fixture.Directory, PackFile.DirectoryName), "*" + PackFile.PackExtension);
            var result = await fixture.MergeAsync(seed.Image.Id, ("d", layer));
            var newPack = Directory.GetFiles(Path.Combine(fixture.Directory, PackFile.DirectoryName), "*" + PackFile.PackExtension).Except(packsBefore).SingleOrDefault();
            results.Add((result.Image.Id, newPack is null ? [] : await File.ReadAllBytesAsync(newPack), await fixture.ReadDiskAsync(result.Image, "d")));
            if (parallelism == 1)
            {
                new MemoryLayer(model.Length).Write(0, 64 * 1024, 1).ApplyTo(model);
                layer.ApplyTo(model);
            }

            if (!fixture.Repository.Verify(null, CancellationToken.None).Ok)
            {
                return false;
            }
        }

        return results.All(r => r.Id == results[0].Id && r.Pack.AsSpan().SequenceEqual(results[0].Pack) && r.Disk.AsSpan().SequenceEqual(model));
    }
}
