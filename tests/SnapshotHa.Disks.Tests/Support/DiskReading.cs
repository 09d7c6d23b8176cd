namespace SnapshotHa.Disks.Tests.Support;

/// <summary>Reads whole disks and allocated-range lists for comparisons.</summary>
internal static class DiskReading
{
    public static async Task<byte[]> ReadAllAsync(IDiskLayer disk, int chunk = 1 << 20)
    {
        var bytes = new byte[disk.Capacity];
        for (long offset = 0; offset < bytes.Length; offset += chunk)
        {
            var length = (int)Math.Min(chunk, bytes.Length - offset);
            await disk.ReadAsync(offset, bytes.AsMemory((int)offset, length), CancellationToken.None);
        }

        return bytes;
    }

    public static async Task<List<AllocatedRange>> AllocatedAsync(IDiskLayer disk)
    {
        var ranges = new List<AllocatedRange>();
        await foreach (var range in disk.EnumerateAllocatedAsync(CancellationToken.None))
        {
            ranges.Add(range);
        }

        return ranges;
    }

    /// <summary>Asserts equality and reports the first differing offset instead of dumping megabytes.</summary>
    public static void ShouldEqualBytes(this byte[] actual, byte[] expected, string because)
    {
        actual.Length.Should().Be(expected.Length, because);
        var first = actual.AsSpan().CommonPrefixLength(expected);
        first.Should().Be(expected.Length, $"bytes must match ({because}); first difference at byte {first}");
    }
}
