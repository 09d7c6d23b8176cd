using System.Collections.Concurrent;
using System.Diagnostics;
using SnapshotHa.Operator.Merging;

namespace SnapshotHa.Operator.Tests.EndToEnd;

/// <summary>
/// The in-process merge, preceded by the second oracle: before each merge, <c>qemu-img convert</c> reads every
/// disk's frozen source chain (the snapshot's layer descriptor in the simulator's datastore directory, its parents
/// followed by qemu) and the bytes are kept per image name and disk key. The snapshot exists while its image is
/// merged, so the chain is intact at that moment.
/// </summary>
/// <param name="datastoreDirectory">The simulator's datastore directory.</param>
/// <param name="timeProvider">Measures the merge.</param>
public sealed class SourceChainRecorder(string datastoreDirectory, TimeProvider timeProvider) : IMergeExecutor
{
    private readonly InProcessMergeExecutor _inner = new(timeProvider);

    /// <summary>Gets the content qemu-img read, by image name, then disk key (the last attempt of an image wins).</summary>
    public ConcurrentDictionary<string, IReadOnlyDictionary<string, byte[]>> Sources { get; } = new(StringComparer.Ordinal);

    public async Task<MergeOutcome?> RunAsync(MergeWork work, CancellationToken cancellationToken)
    {
        var disks = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var layer in work.Layers)
        {
            disks[layer.DiskKey] = await ConvertAsync(Path.Combine(datastoreDirectory, layer.Descriptor.Path), cancellationToken);
        }

        Sources[work.Image.Metadata.Name] = disks;
        return await _inner.RunAsync(work, cancellationToken);
    }

    private static async Task<byte[]> ConvertAsync(string descriptor, CancellationToken cancellationToken)
    {
        var raw = Path.Combine(Path.GetTempPath(), $"snapshotha-source-{Guid.NewGuid():N}.raw");
        try
        {
            using var process = Process.Start(new ProcessStartInfo("qemu-img", ["convert", "-f", "vmdk", "-O", "raw", descriptor, raw]) { RedirectStandardError = true })
                ?? throw new InvalidOperationException("qemu-img did not start");
            var error = await process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new IOException($"qemu-img convert {descriptor} failed ({process.ExitCode}): {error}");
            }

            return await File.ReadAllBytesAsync(raw, cancellationToken);
        }
        finally
        {
            File.Delete(raw);
        }
    }
}
