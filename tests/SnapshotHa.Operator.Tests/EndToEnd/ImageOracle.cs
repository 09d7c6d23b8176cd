using SnapshotHa.Api.Images;
using SnapshotHa.Repository;

namespace SnapshotHa.Operator.Tests.EndToEnd;

/// <summary>Materializes committed images and compares them with the content recorded at their snapshots.</summary>
public static class ImageOracle
{
    /// <summary>Returns a description of every mismatch (empty when all images are exact).</summary>
    public static async Task<IReadOnlyList<string>> CompareAsync(
        string repositoryPath, IEnumerable<RecoveryImage> images, IReadOnlyDictionary<string, IReadOnlyDictionary<int, byte[]>> expected)
    {
        var problems = new List<string>();
        var scratch = Directory.CreateTempSubdirectory("snapshotha-materialize-");
        try
        {
            using var repository = await ImageRepository.OpenAsync(repositoryPath, create: false, null, CancellationToken.None);
            foreach (var image in images)
            {
                var name = image.Metadata.Name;
                if (!expected.TryGetValue(image.Spec.SourceSnapshot.Name, out var disks))
                {
                    problems.Add($"{name}: no content was recorded for snapshot {image.Spec.SourceSnapshot.Name}");
                    continue;
                }

                foreach (var (key, content) in disks)
                {
                    var descriptor = Path.Combine(scratch.FullName, $"{name}-{key}.vmdk");
                    var extent = await repository.MaterializeAsync(image.Status!.ManifestId!, key.ToString(System.Globalization.CultureInfo.InvariantCulture), descriptor, CancellationToken.None);
                    var actual = await File.ReadAllBytesAsync(extent);
                    var firstDifference = FirstDifference(actual, content);
                    if (firstDifference >= 0)
                    {
                        problems.Add($"{name} disk {key}: differs from the disk at snapshot {image.Spec.SourceSnapshot.Name} at byte {firstDifference} (lengths {actual.Length}/{content.Length})");
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
