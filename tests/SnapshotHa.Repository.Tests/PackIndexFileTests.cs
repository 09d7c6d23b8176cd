using CsCheck;
using SnapshotHa.Repository.Packs;
using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Tests;

public sealed class PackIndexFileTests
{
    private static readonly Gen<PackIndexEntry[]> Entries =
        Gen.Int[0, 2000].Array[1, 300].Select(ids => ids.Distinct()
            .Select((id, i) => new PackIndexEntry(ContentHash.Compute(BitConverter.GetBytes(id)), PackFile.HeaderSize + (i * 100L), 8 + (id % 90)))
            .ToArray());

    [Fact]
    public void Every_written_entry_is_found_and_absent_hashes_are_not() =>
        Entries.Sample(entries =>
        {
            var index = PackIndexFile.Write(entries, PackFile.HeaderSize + (entries.Length * 100L));
            var parsed = PackIndexFile.Parse(index, "t.idx");
            return parsed.Count == entries.Length &&
                   entries.All(e => PackIndexFile.TryFind(index, e.Hash, out var found) && found == e) &&
                   !PackIndexFile.TryFind(index, ContentHash.Compute([1, 2, 3, 4, 5, 6, 7]), out _);
        }, iter: 100);

    [Fact]
    public void Any_corrupted_byte_is_a_clear_error_never_a_crash() =>
        Gen.Select(Entries, Gen.Int, Gen.Byte[1, 255]).Sample((entries, position, flip) =>
        {
            var index = PackIndexFile.Write(entries, PackFile.HeaderSize + (entries.Length * 100L));
            index[(int)((uint)position % (uint)index.Length)] ^= flip;
            var parse = () => PackIndexFile.Parse(index, "t.idx");
            parse.Should().Throw<InvalidDataException>().WithMessage("*t.idx*");
        }, iter: 200);

    [Fact]
    public void A_truncated_index_is_refused_naming_the_file()
    {
        var index = PackIndexFile.Write([new PackIndexEntry(ContentHash.Compute([1]), PackFile.HeaderSize, 20)], 100);

        var parse = () => PackIndexFile.ReadHeader(index.AsSpan(0, index.Length - 1), "short.idx");

        parse.Should().Throw<InvalidDataException>().WithMessage("*short.idx*");
    }
}
