namespace SnapshotHa.Disks.Sources;

/// <summary>Exact reads that turn a short file into an <see cref="InvalidDataException"/> naming the file.</summary>
internal static class SourceReading
{
    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes at <paramref name="offset"/>.</summary>
    /// <exception cref="InvalidDataException">The range lies (partly) past the end of the file.</exception>
    public static async ValueTask ReadExactlyAsync(
        this IRandomAccessSource source, long offset, Memory<byte> buffer, string what, CancellationToken cancellationToken)
    {
        if (offset < 0 || offset > source.Length || buffer.Length > source.Length - offset)
        {
            throw PastEnd(source, offset, buffer.Length, what);
        }

        var read = await source.ReadAsync(offset, buffer, cancellationToken);
        if (read != buffer.Length)
        {
            throw PastEnd(source, offset, buffer.Length, what);
        }
    }

    /// <summary>Reads a whole region of at most <paramref name="maxLength"/> bytes into a new array.</summary>
    /// <exception cref="InvalidDataException">The region is larger than the cap or lies past the end of the file.</exception>
    public static async ValueTask<byte[]> ReadRegionAsync(
        this IRandomAccessSource source, long offset, long length, long maxLength, string what, CancellationToken cancellationToken)
    {
        if (length < 0 || length > maxLength)
        {
            throw new InvalidDataException($"{source.Name}: {what} of {length} bytes at byte {offset} exceeds the limit of {maxLength} bytes");
        }

        if (offset < 0 || offset > source.Length || length > source.Length - offset)
        {
            throw PastEnd(source, offset, length, what);
        }

        var bytes = new byte[length];
        await source.ReadExactlyAsync(offset, bytes, what, cancellationToken);
        return bytes;
    }

    private static InvalidDataException PastEnd(IRandomAccessSource source, long offset, long length, string what) =>
        new($"{source.Name}: {what} ({length} bytes at byte {offset}) lies past the end of the file ({source.Length} bytes)");
}
