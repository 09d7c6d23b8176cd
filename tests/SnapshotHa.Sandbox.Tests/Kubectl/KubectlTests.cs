using SnapshotHa.Sandbox.Tests.Support;

namespace SnapshotHa.Sandbox.Tests.Kubectl;

/// <summary>The real kubectl against the sandbox API server.</summary>
public sealed class KubectlTests(WidgetKubectlFixture fixture) : IClassFixture<WidgetKubectlFixture>
{
    private Support.Kubectl Kubectl => fixture.Kubectl;

    [Fact]
    public async Task Apply_then_get_by_short_name_shows_the_printer_columns()
    {
        var manifest = fixture.Manifest("apply.yaml", Widget("applied", size: 4));

        var applied = await Kubectl.SucceedAsync("apply", "-f", manifest);
        var reapplied = await Kubectl.SucceedAsync("apply", "-f", fixture.Manifest("apply.yaml", Widget("applied", size: 6)));
        var table = await Kubectl.SucceedAsync("get", "wdg", "applied");

        applied.Should().Contain("widget.test.snapshotha.io/applied created");
        reapplied.Should().Contain("widget.test.snapshotha.io/applied configured");
        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Should().Equal("NAME", "SIZE", "PHASE", "READY", "AGE");
        lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..2].Should().Equal("applied", "6");
    }

    [Fact]
    public async Task Get_by_category_lists_the_custom_resources()
    {
        await Kubectl.SucceedAsync("apply", "-f", fixture.Manifest("category.yaml", Widget("categorized", size: 2)));

        var output = await Kubectl.SucceedAsync("get", "snapshotha");

        output.Should().Contain("categorized");
    }

    [Fact]
    public async Task Describe_shows_metadata_and_spec()
    {
        await Kubectl.SucceedAsync("apply", "-f", fixture.Manifest("describe.yaml", Widget("described", size: 5)));

        var output = await Kubectl.SucceedAsync("describe", "widget", "described");

        output.Should().Contain("Name:         described").And.Contain("Kind:         Widget").And.MatchRegex(@"Size:\s+5");
    }

    [Fact]
    public async Task Explain_renders_the_spec_schema_from_OpenAPI_v3()
    {
        var output = await Kubectl.SucceedAsync("explain", "widget.spec");

        output.Should().Contain("KIND:       Widget")
            .And.Contain("Spec is the desired state of the widget.")
            .And.MatchRegex(@"size\s+<integer> -required-");
    }

    [Fact]
    public async Task Delete_of_an_object_with_a_finalizer_keeps_it_until_the_finalizer_is_removed()
    {
        await Kubectl.SucceedAsync("apply", "-f", fixture.Manifest("finalized.yaml", Widget("finalized", size: 1, finalizer: "test.snapshotha.io/keep")));

        var deleted = await Kubectl.SucceedAsync("delete", "widget", "finalized", "--wait=false");
        var deletionTimestamp = await Kubectl.SucceedAsync("get", "widget", "finalized", "-o", "jsonpath={.metadata.deletionTimestamp}");
        await Kubectl.SucceedAsync("patch", "widget", "finalized", "--type=merge", "-p", "{\"metadata\":{\"finalizers\":null}}");
        var gone = await Kubectl.RunAsync("get", "widget", "finalized");

        deleted.Should().Contain("widget.test.snapshotha.io \"finalized\" deleted");
        deletionTimestamp.Should().NotBeEmpty();
        gone.ExitCode.Should().NotBe(0);
        gone.Stderr.Should().Contain("widgets.test.snapshotha.io \"finalized\" not found");
    }

    [Fact]
    public async Task An_invalid_resource_is_rejected_with_the_field_path()
    {
        var manifest = fixture.Manifest("invalid.yaml", """
            apiVersion: test.snapshotha.io/v1alpha1
            kind: Widget
            metadata:
              name: invalid
            spec:
              color: blue
            """);

        var result = await Kubectl.RunAsync("apply", "-f", manifest);

        result.ExitCode.Should().NotBe(0);
        result.Stderr.Should().Contain("The Widget \"invalid\" is invalid: spec.size: Required value");
    }

    [Fact]
    public async Task An_unknown_field_is_rejected_by_strict_field_validation_and_pruned_without_it()
    {
        var manifest = fixture.Manifest("unknown.yaml", Widget("unknown", size: 1) + "\n  shape: round\n");

        var strict = await Kubectl.RunAsync("apply", "-f", manifest);
        await Kubectl.SucceedAsync("apply", "--validate=false", "-f", manifest);
        var stored = await Kubectl.SucceedAsync("get", "widget", "unknown", "-o", "jsonpath={.spec}");

        strict.ExitCode.Should().NotBe(0);
        strict.Stderr.Should().Contain("strict decoding error: unknown field \"spec.shape\"");
        stored.Should().Contain("\"size\":1").And.NotContain("shape");
    }

    private static string Widget(string name, int size, string? finalizer = null) => $"""
        apiVersion: test.snapshotha.io/v1alpha1
        kind: Widget
        metadata:
          name: {name}
        {(finalizer is null ? string.Empty : $"  finalizers: [{finalizer}]")}
        spec:
          size: {size}
          color: red
        """;
}
