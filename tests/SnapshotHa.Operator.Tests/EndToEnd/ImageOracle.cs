using System.Globalization;
using SnapshotHa.Api.Images;
using SnapshotHa.Repository;

namespace SnapshotHa.Operator.Tests.EndToEnd;

/// <summary>Materializes committed images and compares them, disk by disk, with an oracle's content.</summary>
public static class ImageOracle
{
    /// <summary>
    /// Compares every image with the content the workload recorded at its snapshot (by snapshot name, then disk key);
    /// returns a description of every mismatch (empty when all images are exact).
    /// </summary>
    public static Task<IReadOnlyList<string>> CompareAsync(
        string repositoryPath, IEnumerable<RecoveryImage> images, IReadOnlyDictionary<string, IReadOnlyDictionary<int, byte[]>> expected) =>
        CompareAsync(
            repositoryPath,
            images,
            image => expected.TryGetValue(image.Spec.SourceSnapshot.Name, out var disks)
                ? disks.ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => p.Value, StringComparer.Ordinal)
                : null,
            "the disk at snapshot");

    /// <summary>
    /// Compares every image with <paramref name="expectedOf"/>'s content per disk key (null: nothing known, a mismatch);
    /// the image must hold exactly those disks. Returns a description of every mismatch.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CompareAsync(
        string repositoryPath, IEnumerable<RecoveryImage> images, Func<RecoveryImage, IReadOnlyDictionary<string, byte[]>?> expectedOf, string oracle)
    {
        var problems = new List<string>();
        var scratch = Directory.CreateTempSubdirectory("snapshotha-materialize-");
        try
        {
            using var repository = await ImageRepository.OpenAsync(repositoryPath, create: false, null, CancellationToken.None);
            foreach (var image in images)
            {
                var name = image.Metadata.Name;
                var disks = expectedOf(image);
                if (disks is null)
                {
                    problems.Add($"{name}: {oracle} has no content for snapshot {image.Spec.SourceSnapshot.Name}");
                    continue;
                }

                var held = repository.Manifests.Read(image.Status!.ManifestId!).Disks.Select(d => d.Key).Order(StringComparer.Ordinal);
                if (!held.SequenceEqual(disks.Keys.Order(StringComparer.Ordinal)))
                {
                    problems.Add($"{name}: holds disks {string.Join(",", held)}, {oracle} has {string.Join(",", disks.Keys.Order(StringComparer.Ordinal))}");
                }

                foreach (var (key, content) in disks)
                {
                    var descriptor = Path.Combine(scratch.FullName, $"{name}-{key}.vmdk");
                    var extent = await repository.MaterializeAsync(image.Status!.ManifestId!, key, descriptor, CancellationToken.None);
                    var actual = await File.ReadAllBytesAsync(extent);
                    var firstDifference = FirstDifference(actual, content);
                    if (firstDifference >= 0)
                    {
                        problems.Add($"{name} disk {key}: differs from {oracle} {image.Spec.SourceSnapshot.Name} at byte {firstDifference} (lengths {actual.Length}/{content.Length})");
                    }

                    File.Delete(extent);
                    File.Delete(descriptor);
                }
            }
        }
        finally
        {
            scratch.Delete(recursive: true);
        }

        return problems;
    }

    private static long FirstDifference(byte[] actual, byte[] expected)
    {
        if (actual.AsSpan().SequenceEqual(expected))
        {
            return -1;
        }

        var length = Math.Min(actual.Length, expected.Length);
        for (var i = 0; i < length; i++)
        {
            if (actual[i] != expected[i])
            {
                return i;
            }
        }

        return length;
    }
}
