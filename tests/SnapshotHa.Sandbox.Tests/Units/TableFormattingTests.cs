using System.Text.Json.Nodes;
using SnapshotHa.Sandbox.ApiServer.Tables;

namespace SnapshotHa.Sandbox.Tests.Units;

public sealed class TableFormattingTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(119, "119s")]
    [InlineData(125, "2m5s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600 + 60, "3h1m")]
    [InlineData(30 * 3600, "30h")]
    [InlineData(50 * 3600, "2d2h")]
    [InlineData(400 * 24 * 3600, "400d")]
    [InlineData(-5, "<invalid>")]
    public void Ages_read_like_kubectl(int seconds, string expected) =>
        HumanDuration.Format(TimeSpan.FromSeconds(seconds)).Should().Be(expected);

    [Theory]
    [InlineData(".spec.vm.name", "vm1")]
    [InlineData("{.spec.disks[1]}", "d2")]
    [InlineData(".status.conditions[?(@.type==\"Ready\")].status", "True")]
    [InlineData(".metadata.labels['app.kubernetes.io/name']", "x")]
    [InlineData(".spec.missing", null)]
    public void Simple_json_paths_evaluate(string path, string? expected)
    {
        var obj = JsonNode.Parse("""
            {"metadata":{"labels":{"app.kubernetes.io/name":"x"}},
             "spec":{"vm":{"name":"vm1"},"disks":["d1","d2"]},
             "status":{"conditions":[{"type":"Synced","status":"False"},{"type":"Ready","status":"True"}]}}
            """);

        SimpleJsonPath.Text(SimpleJsonPath.Evaluate(obj, path)).Should().Be(expected);
    }
}
