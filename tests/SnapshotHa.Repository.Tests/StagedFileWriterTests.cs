using CsCheck;
using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Tests;

public sealed class StagedFileWriterTests
{
    private const int BufferSize = 2 * StagedFileWriter.Alignment;

    /// <summary>Appends of 0 to 3 buffers' worth each, so appends end inside, at and across buffer boundaries.</summary>
    private static readonly Gen<int[]> Appends = Gen.Int[0, 3 * BufferSize].Array[1, 12];

    [Theory]
    [InlineData(1, true)]
    [InlineData(3, true)]
    [InlineData(2, false)]
    public void Completed_file_holds_exactly_the_appended_bytes(int writers, bool direct) =>
        Appends.Sample(
            lengths =>
            {
                var expected = Bytes(lengths.Sum(), lengths.Length);
                var path = TempPath();
                try
                {
                    using (var file = new StagedFileWriter(path, BufferSize, writers + 1, writers, direct))
                    {
                        var offset = 0;
                        foreach (var length in lengths)
                        {
                            file.Append(expected.AsSpan(offset, length));
                            offset += length;
                        }

                        file.Length.Should().Be(expected.Length);
                        file.Complete();
                    }

                    return File.ReadAllBytes(path).AsSpan().SequenceEqual(expected);
                }
                finally
                {
                    File.Delete(path);
                }
            },
            iter: 30,
            threads: 1);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Reads_return_appended_bytes_whether_written_or_still_staged(bool direct) =>
        Gen.Select(Appends, Gen.Int[0, 1000].Array[8], (lengths, picks) => (lengths, picks)).Sample(
            sample =>
            {
                var total = sample.lengths.Sum();
                var expected = Bytes(total, total);
                var path = TempPath();
                try
                {
                    using var file = new StagedFileWriter(path, BufferSize, 4, 2, direct);
                    file.Append(expected);
                    foreach (var pick in sample.picks)
                    {
                        // A range anywhere in what was appended: in written buffers, the staged one, or across both.
                        var offset = total == 0 ? 0 : pick * total / 1000;
                        var length = Math.Min(total - offset, (pick % 3 * BufferSize / 2) + 1);
                        var read = new byte[length];
                        file.Read(offset, read);
                        if (!read.AsSpan().SequenceEqual(expected.AsSpan(offset, length)))
                        {
                            return false;
                        }
                    }

                    return true;
                }
                finally
                {
                    File.Delete(path);
                }
            },
            iter: 30,
            threads: 1);

    [Fact]
    public void Disposing_without_completing_stops_the_writer_and_keeps_what_was_written()
    {
        var path = TempPath();
        try
        {
            var bytes = Bytes((5 * BufferSize) + 100, 7);
            using (var file = new StagedFileWriter(path, BufferSize, 3, 2, direct: true))
            {
                file.Append(bytes);
            }

            // Full buffers reach the file or not, depending on timing (the file may also be preallocated); each block
            // is either what was appended there or never written. The staged tail never reaches it.
            var content = File.ReadAllBytes(path);
            for (var block = 0; block < content.Length / BufferSize; block++)
            {
                var actual = content.AsSpan(block * BufferSize, BufferSize);
                var appended = block < 5 ? bytes.AsSpan(block * BufferSize, BufferSize) : [];
                (actual.SequenceEqual(appended) || !actual.ContainsAnyExcept((byte)0)).Should().BeTrue($"block {block} holds appended bytes or none");
            }

            content.AsSpan().IndexOf(bytes.AsSpan(5 * BufferSize, 100)).Should().Be(-1);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Creating_an_existing_file_fails_naming_it()
    {
        var path = TempPath();
        File.WriteAllBytes(path, [1]);
        try
        {
            var create = () => new StagedFileWriter(path, BufferSize, 3, 2, direct: true);
            create.Should().Throw<IOException>().WithMessage($"*{path}*");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string TempPath() => Path.Combine(Path.GetTempPath(), "snapshotha-staged-" + Guid.NewGuid().ToString("N"));

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
