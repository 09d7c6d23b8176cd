using SnapshotHa.Kube.Events;
using SnapshotHa.Kube.Tests.TestKit;

namespace SnapshotHa.Kube.Tests.Events;

public sealed class EventNamesTests
{
    [Fact]
    public void Name_is_deterministic_and_distinguishes_reason_message_type_and_entity()
    {
        var a = V1TestEntity.Create("ns", "a");
        var b = V1TestEntity.Create("ns", "b");

        var name = EventNames.For(a, "R", "m", EventType.Normal);

        name.Should().MatchRegex("^a\\.[0-9a-f]{16}$");
        EventNames.For(a, "R", "m", EventType.Normal).Should().Be(name);
        new[]
        {
            EventNames.For(a, "R2", "m", EventType.Normal),
            EventNames.For(a, "R", "m2", EventType.Normal),
            EventNames.For(a, "R", "m", EventType.Warning),
            EventNames.For(b, "R", "m", EventType.Normal),
        }.Should().OnlyHaveUniqueItems().And.NotContain(name);
    }

    [Fact]
    public void Long_entity_names_stay_within_the_name_limit()
    {
        var entity = V1TestEntity.Create("ns", new string('x', 253));

        EventNames.For(entity, "R", "m", EventType.Normal).Length.Should().BeLessThanOrEqualTo(253);
    }
}
