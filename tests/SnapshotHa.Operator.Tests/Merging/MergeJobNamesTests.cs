using System.Text.RegularExpressions;
using CsCheck;
using SnapshotHa.Operator.Merging;

namespace SnapshotHa.Operator.Tests.Merging;

public sealed partial class MergeJobNamesTests
{
    [Fact]
    public void A_short_image_name_gets_the_merge_suffix()
    {
        MergeJobNames.For("web-01-000003").Should().Be("web-01-000003-merge");
    }

    [Fact]
    public void Every_name_is_a_DNS_1123_label_of_at_most_63_characters_and_deterministic()
    {
        var segment = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-"], 1, 60]
            .Select(s => "a" + s.Trim('-') + "z");
        Gen.Select(segment, segment.Array[0, 4]).Select((head, rest) => string.Join('.', rest.Prepend(head)))
            .Where(n => n.Length <= 253)
            .Sample(name =>
            {
                var job = MergeJobNames.For(name);
                job.Length.Should().BeLessThanOrEqualTo(63);
                Dns1123Label().IsMatch(job).Should().BeTrue(job);
                MergeJobNames.For(name).Should().Be(job);
            });
    }

    [Fact]
    public void Long_names_that_share_a_prefix_get_different_hash_suffixes()
    {
        var prefix = new string('a', 70);

        var first = MergeJobNames.For(prefix + "-000001");
        var second = MergeJobNames.For(prefix + "-000002");

        first.Should().NotBe(second);
        first.Should().HaveLength(63);
        first.Should().StartWith("aaaa");
    }

    [Fact]
    public void Label_values_fit_into_63_characters()
    {
        var name = new string('b', 200);

        MergeJobNames.LabelValue(name).Length.Should().BeLessThanOrEqualTo(63);
        MergeJobNames.LabelValue("short").Should().Be("short");
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123Label();
}
