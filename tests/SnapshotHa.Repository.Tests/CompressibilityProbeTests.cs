using CsCheck;
using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Tests;

public sealed class CompressibilityProbeTests
{
    [Fact]
    public void Random_content_looks_incompressible() =>
        Gen.Int.Sample(
            seed =>
            {
                var content = new byte[64 * 1024];
                new Random(seed).NextBytes(content);
                return CompressibilityProbe.LooksIncompressible(content);
            },
            iter: 200);

    [Fact]
    public void Content_with_a_skewed_byte_histogram_goes_to_zstd() =>
        Gen.Int[2, 200].Sample(
            alphabet =>
            {
                var random = new Random(alphabet);
                var content = new byte[64 * 1024];
                for (var i = 0; i < content.Length; i++)
                {
                    content[i] = (byte)random.Next(alphabet);
                }

                return !CompressibilityProbe.LooksIncompressible(content);
            },
            iter: 100);

    [Fact]
    public void A_repeated_random_sector_goes_to_zstd_although_its_bytes_are_uniform() =>
        Gen.Int.Sample(
            seed =>
            {
                var sector = new byte[512];
                new Random(seed).NextBytes(sector);
                var content = new byte[64 * 1024];
                for (var offset = 0; offset < content.Length; offset += sector.Length)
                {
                    sector.CopyTo(content, offset);
                }

                return !CompressibilityProbe.LooksIncompressible(content);
            },
            iter: 100);

    [Fact]
    public void Content_shorter_than_the_sample_is_left_to_zstd() =>
        CompressibilityProbe.LooksIncompressible(new byte[CompressibilityProbe.SampleLength - 1]).Should().BeFalse();

    [Fact]
    public void Random_content_is_stored_raw_and_compressible_content_compressed()
    {
        using var codec = new ObjectCodec(1);
        var random = new byte[64 * 1024];
        new Random(5).NextBytes(random);
        var text = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("merge of a snapshot layer ", 3000)))[..(64 * 1024)];

        codec.TryCompress(random, out _).Should().BeNull();
        var compressed = codec.TryCompress(text, out var length);

        compressed.Should().NotBeNull();
        var decoded = new byte[text.Length];
        codec.Decode(compressed.AsSpan(0, length), decoded, "text").Should().Be(text.Length);
        decoded.Should().Equal(text);
        System.Buffers.ArrayPool<byte>.Shared.Return(compressed!);
    }
}
