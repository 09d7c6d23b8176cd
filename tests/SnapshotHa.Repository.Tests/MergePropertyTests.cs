using CsCheck;

namespace SnapshotHa.Repository.Tests;

public sealed class MergePropertyTests
{
    private static readonly Gen<(int Sector, int Sectors, int Seed, bool Zero)> Write =
        Gen.Select(Gen.Int[0, 511], Gen.Int[1, 128], Gen.Int[0, 1000], Gen.Int[0, 4].Select(z => z == 0),
            (sector, sectors, seed, zero) => (sector, sectors, seed, zero));

    private static readonly Gen<(int CapacitySectors, (int Sector, int Sectors, int Seed, bool Zero)[][] Layers)> Scenario =
        Gen.Select(Gen.Int[1, 512], Write.Array[0, 12].Array[1, 5], (capacity, layers) => (capacity, layers));

    [Fact]
    public void Random_writes_merged_in_sequence_equal_the_reference_model() =>
        Scenario.Sample(
            scenario => Check(scenario.CapacitySectors, scenario.Layers).GetAwaiter().GetResult(),
            iter: 60,
            threads: 1);

    private static async Task<bool> Check(int capacitySectors, (int Sector, int Sectors, int Seed, bool Zero)[][] layers)
    {
        var capacity = capacitySectors * 512;
        await using var fixture = await RepositoryFixture.CreateAsync();
        var model = new byte[capacity];
        string? parent = null;
        foreach (var writes in layers)
        {
            var layer = new MemoryLayer(capacity);
            foreach (var (sector, sectors, seed, zero) in writes)
            {
                var first = Math.Min(sector, capacitySectors - 1);
                var count = Math.Min(sectors, capacitySectors - first);
                _ = zero ? layer.Zero(first * 512L, count * 512) : layer.Write(first * 512L, count * 512, seed);
            }

            layer.ApplyTo(model);
            var result = await fixture.MergeAsync(parent, ("d", layer));
            parent = result.Image.Id;
            if (!(await fixture.ReadDiskAsync(result.Image, "d")).AsSpan().SequenceEqual(model))
            {
                return false;
            }
        }

        return fixture.Repository.Verify(null, CancellationToken.None).Ok;
    }
}
