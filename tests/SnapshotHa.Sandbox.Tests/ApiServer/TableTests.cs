using k8s;
using System.Net.Http.Headers;
using System.Text.Json;
using k8s.Models;
using SnapshotHa.Sandbox.Tests.Support;

namespace SnapshotHa.Sandbox.Tests.ApiServer;

public sealed class TableTests
{
    [Fact]
    public async Task Table_output_has_Name_then_the_printer_columns_with_evaluated_cells()
    {
        await using var scope = await ServerScope.StartAsync();
        var widget = await scope.Widgets.CreateAsync(Widget.Named("alpha", size: 3));
        await scope.Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<Widget>(
            new V1Patch(new { status = new { phase = "Running", conditions = new[] { new { type = "Ready", status = "True" } } } }, V1Patch.PatchType.MergePatch),
            TestCrds.Group, TestCrds.Version, "default", TestCrds.Plural, widget.Metadata.Name);
        using var http = new HttpClient { BaseAddress = scope.Server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"apis/{TestCrds.Group}/{TestCrds.Version}/namespaces/default/{TestCrds.Plural}");
        request.Headers.Accept.ParseAdd("application/json;as=Table;v=v1;g=meta.k8s.io");

        using var response = await http.SendAsync(request);
        var table = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        table.GetProperty("kind").GetString().Should().Be("Table");
        table.GetProperty("columnDefinitions").EnumerateArray().Select(c => c.GetProperty("name").GetString())
            .Should().Equal("Name", "Size", "Phase", "Ready", "Age");
        var cells = table.GetProperty("rows")[0].GetProperty("cells").EnumerateArray().ToArray();
        cells[0].GetString().Should().Be("alpha");
        cells[1].GetInt32().Should().Be(3);
        cells[2].GetString().Should().Be("Running");
        cells[3].GetString().Should().Be("True");
        cells[4].GetString().Should().MatchRegex("^[0-9]+s$");
        table.GetProperty("rows")[0].GetProperty("object").GetProperty("metadata").GetProperty("name").GetString().Should().Be("alpha");
    }
}
