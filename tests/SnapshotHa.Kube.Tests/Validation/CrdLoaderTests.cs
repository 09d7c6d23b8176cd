using k8s;
using SnapshotHa.Kube.Crds;
using SnapshotHa.Kube.Tests.Crds;
using SnapshotHa.Kube.Validation;

namespace SnapshotHa.Kube.Tests.Validation;

public sealed class CrdLoaderTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("snapshotha-crds-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Loads_crds_and_skips_kustomizations_and_other_kinds()
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "widgets.yaml"), KubernetesYaml.Serialize(CrdGenerator.Generate(typeof(Widget))));
        File.WriteAllText(Path.Combine(_dir.FullName, "kustomization.yaml"), "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n");
        File.WriteAllText(Path.Combine(_dir.FullName, "cm.yml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
        File.WriteAllText(Path.Combine(_dir.FullName, "notes.txt"), "not yaml: [");

        var crds = CrdLoader.LoadDirectory(_dir.FullName);

        crds.Should().ContainSingle().Which.Metadata.Name.Should().Be("widgets.test.snapshotha.io");
    }

    [Fact]
    public void A_loaded_crd_validates_like_the_generated_one()
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "widgets.yaml"), KubernetesYaml.Serialize(CrdGenerator.Generate(typeof(Widget))));
        var loaded = CustomResourceSchema.FromCrd(CrdLoader.LoadDirectory(_dir.FullName).Single());
        var widget = WidgetSchema.Valid();
        widget["spec"]!["size"] = 0;
        var defaulted = WidgetSchema.Valid();

        loaded.Validate(widget).Should().Equal(WidgetSchema.Schema.Validate(widget));
        loaded.ApplyDefaults(defaulted);
        defaulted["spec"]!["part"]!["enabled"]!.GetValue<bool>().Should().BeTrue("defaults read from YAML keep their JSON types");
    }

    [Fact]
    public void Broken_yaml_is_reported_with_the_file_name()
    {
        var path = Path.Combine(_dir.FullName, "broken.yaml");
        File.WriteAllText(path, "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec: [unclosed\n");

        var load = () => CrdLoader.LoadDirectory(_dir.FullName);

        load.Should().Throw<InvalidDataException>().WithMessage($"*{path}*");
    }

    [Fact]
    public void Missing_directory_is_reported()
    {
        var load = () => CrdLoader.LoadDirectory(Path.Combine(_dir.FullName, "absent"));

        load.Should().Throw<DirectoryNotFoundException>().WithMessage("*absent*");
    }

    [Fact]
    public void A_rule_that_does_not_parse_fails_when_the_crd_is_loaded()
    {
        var crd = CrdGenerator.Generate(typeof(Widget));
        crd.Spec.Versions[0].Schema.OpenAPIV3Schema.Properties["spec"].XKubernetesValidations[0].Rule = "self.size >";

        var load = () => CustomResourceSchema.FromCrd(crd);

        load.Should().Throw<ArgumentException>().WithMessage("*self.size >*spec*widgets.test.snapshotha.io*");
    }
}
