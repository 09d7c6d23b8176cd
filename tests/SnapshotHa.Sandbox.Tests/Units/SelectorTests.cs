using SnapshotHa.Sandbox.ApiServer.Errors;
using SnapshotHa.Sandbox.ApiServer.Resources;
using SnapshotHa.Sandbox.ApiServer.Selectors;

namespace SnapshotHa.Sandbox.Tests.Units;

public sealed class SelectorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "web", ["tier"] = "front" };

    [Theory]
    [InlineData("app=web", true)]
    [InlineData("app==web,tier=front", true)]
    [InlineData("app=web,tier=back", false)]
    [InlineData("app!=db", true)]
    [InlineData("app in (web, db)", true)]
    [InlineData("app notin (web)", false)]
    [InlineData("app in (db),tier", false)]
    [InlineData("missing", false)]
    [InlineData("!missing", true)]
    [InlineData("", true)]
    public void Label_selector_matches_as_kube_does(string selector, bool matches) =>
        LabelSelector.Parse(selector).Matches(Labels).Should().Be(matches);

    [Theory]
    [InlineData("app in web")]
    [InlineData("=web")]
    [InlineData("a b=c")]
    public void Malformed_label_selector_is_a_400(string selector) =>
        FluentActions.Invoking(() => LabelSelector.Parse(selector)).Should().Throw<ApiException>().Which.Code.Should().Be(400);

    [Fact]
    public void Field_selector_rejects_fields_the_kind_does_not_support()
    {
        var secrets = BuiltInResourceTypes.All().Single(t => t.Kind == "Secret");

        FieldSelector.Parse("type=Opaque", secrets).IsEmpty.Should().BeFalse();
        FluentActions.Invoking(() => FieldSelector.Parse("spec.foo=x", secrets))
            .Should().Throw<ApiException>().Which.Message.Should().Be("field label not supported: spec.foo");
    }
}
