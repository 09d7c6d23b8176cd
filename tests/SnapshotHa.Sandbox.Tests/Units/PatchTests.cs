using System.Text.Json.Nodes;
using SnapshotHa.Sandbox.ApiServer.Errors;
using SnapshotHa.Sandbox.ApiServer.Patching;

namespace SnapshotHa.Sandbox.Tests.Units;

public sealed class PatchTests
{
    [Fact]
    public void Merge_patch_follows_RFC_7386()
    {
        var target = JsonNode.Parse("""{"a":"b","c":{"d":"e","f":"g"},"l":[1,2]}""");
        var patch = JsonNode.Parse("""{"a":"z","c":{"f":null},"l":[3]}""");

        JsonMergePatch.Apply(target, patch)!.ToJsonString().Should().Be("""{"a":"z","c":{"d":"e"},"l":[3]}""");
    }

    [Fact]
    public void Strategic_merge_approximation_drops_directives()
    {
        var result = PatchApplier.Apply(PatchApplier.StrategicMergePatchType, JsonNode.Parse("""{"a":1}""")!.AsObject(),
            """{"$setElementOrder/containers":[{"name":"x"}],"b":2}""");

        result.ToJsonString().Should().Be("""{"a":1,"b":2}""");
    }

    [Fact]
    public void Json_patch_applies_all_operations_in_order()
    {
        var document = JsonNode.Parse("""{"list":[1,2],"obj":{"x":1}}""");
        var operations = JsonNode.Parse("""
            [{"op":"add","path":"/list/-","value":3},
             {"op":"add","path":"/list/0","value":0},
             {"op":"remove","path":"/list/1"},
             {"op":"replace","path":"/obj/x","value":2},
             {"op":"copy","from":"/obj","path":"/copy"},
             {"op":"move","from":"/obj/x","path":"/moved"},
             {"op":"test","path":"/moved","value":2},
             {"op":"add","path":"/a~1b","value":true}]
            """)!.AsArray();

        JsonPatch.Apply(document, operations)!.ToJsonString()
            .Should().Be("""{"list":[0,2,3],"obj":{},"copy":{"x":2},"moved":2,"a/b":true}""");
    }

    [Fact]
    public void Failed_json_patch_test_is_a_422_naming_the_operation()
    {
        var operations = JsonNode.Parse("""[{"op":"test","path":"/a","value":2}]""")!.AsArray();

        FluentActions.Invoking(() => JsonPatch.Apply(JsonNode.Parse("""{"a":1}"""), operations))
            .Should().Throw<ApiException>().Where(e => e.Code == 422 && e.Message.Contains("operation 0", StringComparison.Ordinal));
    }

    [Fact]
    public void Yaml_scalars_resolve_like_the_core_schema()
    {
        var node = YamlJson.Parse("a: 1\nb: 1.5\nc: true\nd: null\ne: '1'\nf: text\n");

        node!.ToJsonString().Should().Be("""{"a":1,"b":1.5,"c":true,"d":null,"e":"1","f":"text"}""");
    }
}
