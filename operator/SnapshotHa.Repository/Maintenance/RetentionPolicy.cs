using SnapshotHa.Repository.Manifests;

namespace SnapshotHa.Repository.Maintenance;

/// <summary>
/// Which images of each series to keep. An image is kept when any rule keeps it; the newest image of a series is
/// always kept.
/// </summary>
/// <param name="KeepLast">Keep the newest N images (by sequence) of each series; null: no such rule.</param>
/// <param name="KeepWithin">Keep images whose point in time is within this span of now; null: no such rule.</param>
public sealed record RetentionPolicy(int? KeepLast, TimeSpan? KeepWithin)
{
    /// <summary>Selects the images to remove from <paramref name="images"/>.</summary>
    public IReadOnlyList<ImageManifest> SelectExpired(IEnumerable<ImageManifest> images, DateTimeOffset now)
    {
        var expired = new List<ImageManifest>();
        foreach (var series in images.GroupBy(i => i.Series, StringComparer.Ordinal))
        {
            var newestFirst = series.OrderByDescending(i => i.Sequence).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
            for (var rank = 1; rank < newestFirst.Count; rank++)
            {
                var image = newestFirst[rank];
                var keptByCount = KeepLast is { } last && rank < last;
                var keptByAge = KeepWithin is { } within && image.PointInTime is { } pit && pit >= now - within;
                if (!keptByCount && !keptByAge)
                {
                    expired.Add(image);
                }
            }
        }

        return expired;
    }
}
