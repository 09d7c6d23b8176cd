using CsCheck;
using SnapshotHa.Repository.Packs;
using SnapshotHa.Repository.Storage;

namespace SnapshotHa.Repository.Tests;

public sealed class PackGatherTests
{
    private static readonly Gen<(int Length, int Content, bool Split)[]> Objects =
        Gen.Select(Gen.Int[8, 70_000], Gen.Int[0, 12], Gen.Bool, (length, content, split) => (length, content, split)).Array[1, 40];

    [Fact]
    public void Gathered_appends_write_the_same_pack_as_copying_appends() =>
        Objects.Sample(
            objects =>
            {
                var root = Path.Combine(Path.GetTempPath(), "snapshotha-gather-" + Guid.NewGuid().ToString("N"));
                try
                {
                    var copied = Write(Path.Combine(root, "copied"), objects, gathered: false);
                    var gathered = Write(Path.Combine(root, "gathered"), objects, gathered: true);
                    return copied.Written.SequenceEqual(gathered.Written) && copied.Pack.AsSpan().SequenceEqual(gathered.Pack);
                }
                finally
                {
                    Directory.Delete(root, recursive: true);
                }
            },
            iter: 40,
            threads: 1);

    private static (int[] Written, byte[] Pack) Write(string directory, (int Length, int Content, bool Split)[] objects, bool gathered)
    {
        var written = new int[objects.Length];
        using (var store = new PackStore(directory, 256 * 1024))
        {
            // Objects are identified by their content number: a repeated number is a duplicate the pack skips.
            var items = objects.Select(o =>
            {
                var bytes = new byte[o.Length];
                new Random(o.Content).NextBytes(bytes);
                var hash = ContentHash.Compute(BitConverter.GetBytes(o.Content));
                var head = o.Split ? bytes.AsMemory(0, ObjectCodec.HeaderSize) : bytes;
                var tail = o.Split ? bytes.AsMemory(ObjectCodec.HeaderSize) : ReadOnlyMemory<byte>.Empty;
                return new PackObject(hash, head, tail);
            }).ToArray();
            if (gathered)
            {
                store.AddGathered(items[..(items.Length / 2)], written);
                store.AddGathered(items[(items.Length / 2)..], written.AsSpan(items.Length / 2));
            }
            else
            {
                for (var i = 0; i < items.Length; i++)
                {
                    written[i] = store.Add(items[i].Hash, items[i].Head.Span, items[i].Tail.Span) ? items[i].Length : 0;
                }
            }

            store.Seal();
        }

        var packs = Directory.GetFiles(directory, "*" + PackFile.PackExtension).Order(StringComparer.Ordinal).Select(File.ReadAllBytes);
        return (written, packs.SelectMany(p => p).ToArray());
    }
}
