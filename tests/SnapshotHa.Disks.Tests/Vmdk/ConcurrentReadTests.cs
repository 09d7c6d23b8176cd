using SnapshotHa.Disks.Sources;
using SnapshotHa.Disks.Tests.Fixtures;
using SnapshotHa.Disks.Tests.Support;
using SnapshotHa.Disks.Vmdk;

namespace SnapshotHa.Disks.Tests.Vmdk;

/// <summary>Layers are read concurrently by the merge: parallel reads must return what sequential reads return.</summary>
public sealed class ConcurrentReadTests
{
    [Fact]
    public async Task Parallel_reads_of_compressed_and_grain_table_layers_match_sequential_reads()
    {
        var random = new Random(31);
        var stream = new StreamOptimizedBuilder(8192);
        var cowd = new CowdBuilder(8192);
        for (var grain = 0; grain < 64; grain += 3)
        {
            var data = new byte[StreamOptimizedBuilder.GrainBytes];
            random.NextBytes(data);
            stream.Write((long)grain * data.Length, data);
            cowd.Write((long)grain * 512 * 7, data[..1024]);
        }

        var resolver = new MemoryExtentResolver(new Dictionary<string, byte[]> { ["s.vmdk"] = stream.Build(), ["c.vmdk"] = cowd.Build() });
        foreach (var name in new[] { "s.vmdk", "c.vmdk" })
        {
            await using var layer = await VmdkLayer.OpenAsync(resolver, name, CancellationToken.None);
            var expected = await DiskReading.ReadAllAsync(layer);
            var offsets = Enumerable.Range(0, 400).Select(i => (long)random.Next(0, (int)(layer.Capacity / 512) - 64) * 512).ToArray();

            var results = await Task.WhenAll(offsets.Select(offset => Task.Run(async () =>
            {
                var buffer = new byte[64 * 512];
                await layer.ReadAsync(offset, buffer, CancellationToken.None);
                return buffer.AsSpan().SequenceEqual(expected.AsSpan((int)offset, buffer.Length));
            })));

            results.Should().OnlyContain(same => same, $"parallel reads of {name} match");
        }
    }
}
