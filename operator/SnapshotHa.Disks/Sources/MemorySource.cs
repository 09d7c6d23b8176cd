namespace SnapshotHa.Disks.Sources;

/// <summary>Bytes held in memory as a source: for tests, fuzzing and small generated files.</summary>
/// <param name="name">The name used in error messages.</param>
/// <param name="content">The file's bytes.</param>
public sealed class MemorySource(string name, ReadOnlyMemory<byte> content) : IRandomAccessSource
{
    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public long Length => content.Length;

    /// <inheritdoc />
    public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        cancellationToken.ThrowIfCancellationRequested();
        if (offset >= content.Length)
        {
            return ValueTask.FromResult(0);
        }

        var count = (int)Math.Min(buffer.Length, content.Length - offset);
        content.Span.Slice((int)offset, count).CopyTo(buffer.Span);
        return ValueTask.FromResult(count);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
