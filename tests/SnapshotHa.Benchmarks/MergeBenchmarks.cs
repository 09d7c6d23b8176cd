using BenchmarkDotNet.Attributes;
using SnapshotHa.Repository;
using SnapshotHa.Repository.Merging;

namespace SnapshotHa.Benchmarks;

/// <summary>
/// <c>ImageRepository.MergeAsync</c> of a scattered delta into a parent image, in process (no .NET start-up): delta
/// sizes, the empty delta, and a 2 GiB against a 2 TiB sparse parent (cost must follow the delta, not the disk).
/// Each iteration merges into a fresh repository seeded with one 64 KiB grain, so every chunk of the delta is new.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class MergeBenchmarks
{
    private const long GiB = 1L << 30;

    private string _directory = string.Empty;
    private ImageRepository? _repository;
    private string _parent = string.Empty;
    private ScatteredLayer? _delta;

    /// <summary>Gets or sets the delta size in MiB (0 = empty delta).</summary>
    [Params(0, 16, 64, 256)]
    public int DeltaMiB { get; set; }

    /// <summary>Gets or sets the parent's capacity in GiB (2 or 2048 = 2 TiB, sparse).</summary>
    [Params(2, 2048)]
    public int DiskGiB { get; set; }

    [IterationSetup]
    public void Seed()
    {
        _directory = Path.Combine(Path.GetTempPath(), "snapshotha-bench-" + Guid.NewGuid().ToString("N"));
        var capacity = DiskGiB * GiB;
        _repository = ImageRepository.OpenAsync(_directory, create: true, null, CancellationToken.None).GetAwaiter().GetResult();
        var seed = _repository.MergeAsync(new MergeRequest("bench", null, [new LayerInput("d", new ScatteredLayer(capacity, 1, 1, 2 * GiB))], null), null, CancellationToken.None)
            .GetAwaiter().GetResult();
        _parent = seed.Image.Id;
        // The delta lands in the first 2 GiB of either disk: same data, same layout, only the capacity differs.
        _delta = new ScatteredLayer(capacity, DeltaMiB * 16, 7, 2 * GiB);
    }

    [Benchmark]
    public async Task<string> Merge()
    {
        var result = await _repository!.MergeAsync(new MergeRequest("bench", _parent, [new LayerInput("d", _delta!)], null), null, CancellationToken.None);
        return result.Image.Id;
    }

    [IterationCleanup]
    public void Cleanup()
    {
        _repository?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
