using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using SnapshotHa.Sandbox.ApiServer;
using SnapshotHa.Sandbox.Tests.Support;

namespace SnapshotHa.Sandbox.Tests.ApiServer;

/// <summary>Schema admission of the repository's ProtectedVM: pruning, defaults, validation and transition rules.</summary>
public sealed class ValidationTests
{
    private const string Group = "snapshotha.io";
    private const string Version = "v1alpha1";
    private const string Plural = "protectedvms";

    [Fact]
    public async Task Missing_required_field_answers_422_with_kube_shaped_causes()
    {
        await using var server = await StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        var vm = ProtectedVm("no-vm");
        vm["spec"]!.AsObject().Remove("vm");

        var (code, status) = await HttpErrors.CaptureAsync(() => CreateAsync(client, vm));

        code.Should().Be(422);
        status.GetProperty("reason").GetString().Should().Be("Invalid");
        status.GetProperty("message").GetString().Should().Be("ProtectedVM.snapshotha.io \"no-vm\" is invalid: spec.vm: Required value");
        var cause = status.GetProperty("details").GetProperty("causes")[0];
        cause.GetProperty("field").GetString().Should().Be("spec.vm");
        cause.GetProperty("reason").GetString().Should().Be("FieldValueRequired");
        status.GetProperty("details").GetProperty("kind").GetString().Should().Be("ProtectedVM");
    }

    [Fact]
    public async Task Unknown_fields_are_pruned_and_defaults_applied()
    {
        await using var server = await StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        var vm = ProtectedVm("web");
        vm["spec"]!["unknownField"] = "dropped";

        var created = await CreateAsync(client, vm);

        var spec = created.GetProperty("spec");
        spec.TryGetProperty("unknownField", out _).Should().BeFalse();
        spec.GetProperty("paused").GetBoolean().Should().BeFalse();
        spec.GetProperty("repository").GetProperty("compression").GetString().Should().Be("Zstd");
    }

    [Fact]
    public async Task Transition_rules_refuse_changing_an_immutable_field()
    {
        await using var server = await StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        await CreateAsync(client, ProtectedVm("web"));

        var (code, status) = await HttpErrors.CaptureAsync(() => client.CustomObjects.PatchNamespacedCustomObjectAsync<JsonElement>(
            new V1Patch(new { spec = new { endpointRef = new { name = "other" } } }, V1Patch.PatchType.MergePatch),
            Group, Version, "default", Plural, "web"));

        code.Should().Be(422);
        status.GetProperty("message").GetString().Should().Contain("spec.endpointRef").And.Contain("endpointRef is immutable");
    }

    private static async Task<KubeApiServer> StartAsync() =>
        await KubeApiServer.StartAsync(
            new KubeApiServerOptions { CustomResourceDefinitions = await CrdFiles.LoadAsync(Path.Combine(RepositoryPaths.Root(), "crds"), CancellationToken.None) },
            CancellationToken.None);

    private static Task<JsonElement> CreateAsync(Kubernetes client, JsonObject vm) =>
        client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonElement>(vm, Group, Version, "default", Plural);

    private static JsonObject ProtectedVm(string name) => JsonNode.Parse($$"""
        {
          "apiVersion": "snapshotha.io/v1alpha1",
          "kind": "ProtectedVM",
          "metadata": { "name": "{{name}}" },
          "spec": {
            "vm": { "name": "{{name}}" },
            "endpointRef": { "name": "vcenter" },
            "policyRef": { "name": "every-5m" },
            "repository": { "volume": { "claimName": "repo" } }
          }
        }
        """)!.AsObject();
}
