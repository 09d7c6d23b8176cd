using System.Diagnostics;
using k8s.Models;
using SnapshotHa.Api.Rbac;
using SnapshotHa.Kube.Crds;
using SnapshotHa.Kube.Rbac;
using SnapshotHa.Kube.Validation;
using SnapshotHa.Tests.Support;

namespace SnapshotHa.Kube.Tests.Crds;

/// <summary>The committed crds/ and config/ manifests are exactly what the generator produces from the resource types.</summary>
public sealed class GeneratedManifestTests
{
    private static readonly IReadOnlyList<ManifestFile> Rendered =
        OperatorManifests.Render(typeof(OperatorPermissions).Assembly, OperatorIdentity.Default);

    public static TheoryData<string> RenderedPaths() => new(Rendered.Select(f => f.Path));

    [Theory]
    [MemberData(nameof(RenderedPaths))]
    public void Committed_manifest_matches_the_generator(string path)
    {
        var committed = Path.Combine(RepositoryRoot.Path, path);
        File.Exists(committed).Should().BeTrue($"{path} is generated; run `snapshotha manifests` from the repository root and commit it");
        File.ReadAllText(committed).Should().Be(Rendered.Single(f => f.Path == path).Content,
            $"{path} must match the C# resource types; run `snapshotha manifests` from the repository root and commit the result");
    }

    [Fact]
    public void Crds_directory_holds_only_generated_files()
    {
        var committed = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "crds")).Select(f => "crds/" + Path.GetFileName(f));

        committed.Should().BeEquivalentTo(Rendered.Where(f => f.Path.StartsWith("crds/", StringComparison.Ordinal)).Select(f => f.Path));
    }

    [Fact]
    public void Rendering_twice_gives_the_same_text()
    {
        var again = OperatorManifests.Render(typeof(OperatorPermissions).Assembly, OperatorIdentity.Default);

        again.Should().Equal(Rendered);
        Rendered.Should().OnlyContain(f => !f.Content.Contains(": null", StringComparison.Ordinal) && f.Content.EndsWith('\n'));
    }

    [Fact]
    public void Five_kinds_with_short_names_and_the_snapshotha_category()
    {
        var crds = CrdLoader.LoadDirectory(Path.Combine(RepositoryRoot.Path, "crds"));

        crds.Select(c => (c.Spec.Names.Kind, c.Spec.Names.ShortNames.Single())).Should().BeEquivalentTo(new[]
        {
            ("VSphereEndpoint", "vsep"), ("SnapshotPolicy", "sp"), ("ProtectedVM", "pvm"), ("RecoveryImage", "ri"), ("Failover", "fo"),
        });
        crds.Should().OnlyContain(c => c.Spec.Group == "snapshotha.io" && c.Spec.Scope == "Namespaced"
            && c.Spec.Names.Categories.SequenceEqual(new[] { "snapshotha" })
            && c.Spec.Versions.Single().Name == "v1alpha1"
            && c.Spec.Versions.Single().Subresources.Status != null
            && c.Spec.Versions.Single().AdditionalPrinterColumns.Count >= 3);
    }

    [Fact]
    public void Every_field_of_every_crd_has_a_description()
    {
        var undescribed = new List<string>();
        foreach (var crd in CrdGenerator.GenerateAll(typeof(OperatorPermissions).Assembly))
        {
            Collect(crd.Spec.Names.Kind, crd.Spec.Versions.Single().Schema.OpenAPIV3Schema, undescribed);
        }

        undescribed.Should().BeEmpty("kubectl explain shows every field's description");
    }

    [Fact]
    public void Status_of_every_kind_has_observed_generation_and_conditions()
    {
        foreach (var crd in CrdGenerator.GenerateAll(typeof(OperatorPermissions).Assembly))
        {
            var status = crd.Spec.Versions.Single().Schema.OpenAPIV3Schema.Properties["status"];
            status.Properties.Should().ContainKeys("observedGeneration", "conditions");
            status.Properties["conditions"].XKubernetesListMapKeys.Should().Equal("type");
        }
    }

    [Fact]
    public async Task Kustomize_renders_all_five_crds()
    {
        var kubectl = Environment.GetEnvironmentVariable("SNAPSHOTHA_KUBECTL")
            ?? Path.Combine(Environment.GetEnvironmentVariable("SNAPSHOTHA_CACHE") ?? Path.Combine(RepositoryRoot.Path, "hack", ".cache"), "tools", "kubectl", "kubectl");
        File.Exists(kubectl).Should().BeTrue($"kubectl is installed by hack/setup.d/30-kube-tools.sh at {kubectl}");
        var start = new ProcessStartInfo(kubectl, ["kustomize", Path.Combine(RepositoryRoot.Path, "config", "crd")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.Should().Be(0, await error);
        var documents = YamlDocuments.Parse(await output);
        documents.Select(d => d["metadata"]!["name"]!.GetValue<string>()).Should().BeEquivalentTo(
            ["failovers.snapshotha.io", "protectedvms.snapshotha.io", "recoveryimages.snapshotha.io", "snapshotpolicies.snapshotha.io", "vsphereendpoints.snapshotha.io"]);
    }

    private static void Collect(string path, V1JSONSchemaProps schema, List<string> undescribed)
    {
        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
        {
            var childPath = $"{path}.{name}";
            if (string.IsNullOrWhiteSpace(property.Description))
            {
                undescribed.Add(childPath);
            }

            Collect(childPath, property, undescribed);
            if (property.Items is V1JSONSchemaProps items)
            {
                Collect(childPath + "[]", items, undescribed);
            }
        }
    }
}
