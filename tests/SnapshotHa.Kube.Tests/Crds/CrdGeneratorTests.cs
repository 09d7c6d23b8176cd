using k8s.Models;
using SnapshotHa.Kube.Crds;

namespace SnapshotHa.Kube.Tests.Crds;

public sealed class CrdGeneratorTests
{
    private static readonly V1CustomResourceDefinition Crd = CrdGenerator.Generate(typeof(Widget));
    private static readonly V1CustomResourceDefinitionVersion Version = Crd.Spec.Versions.Single();
    private static readonly V1JSONSchemaProps Spec = Version.Schema.OpenAPIV3Schema.Properties["spec"];

    [Fact]
    public void Names_scope_and_subresources_come_from_the_attributes()
    {
        Crd.Metadata.Name.Should().Be("widgets.test.snapshotha.io");
        Crd.Spec.Group.Should().Be("test.snapshotha.io");
        Crd.Spec.Scope.Should().Be("Namespaced");
        Crd.Spec.Names.Kind.Should().Be("Widget");
        Crd.Spec.Names.ListKind.Should().Be("WidgetList");
        Crd.Spec.Names.Singular.Should().Be("widget");
        Crd.Spec.Names.ShortNames.Should().Equal("wd");
        Crd.Spec.Names.Categories.Should().Equal("testing");
        Version.Name.Should().Be("v1");
        Version.Served.Should().BeTrue();
        Version.Storage.Should().BeTrue();
        Version.Subresources.Status.Should().NotBeNull();
        Version.Schema.OpenAPIV3Schema.Required.Should().Equal("spec");
        Version.Schema.OpenAPIV3Schema.Description.Should().Be("A widget.");
    }

    [Fact]
    public void Scalars_map_to_openapi_types_and_formats()
    {
        Spec.Properties["size"].Should().BeEquivalentTo(new { Type = "integer", Format = "int32", Minimum = 1.0, Maximum = 10.0, ExclusiveMaximum = true });
        Spec.Properties["maxSize"].Should().BeEquivalentTo(new { Type = "integer", Format = "int32" }, "int? is an optional int32");
        Spec.Properties["bytes"].Should().BeEquivalentTo(new { Type = "integer", Format = "int64" });
        Spec.Properties["weight"].Should().BeEquivalentTo(new { Type = "number", Format = "double" });
        Spec.Properties["madeAt"].Should().BeEquivalentTo(new { Type = "string", Format = "date-time" });
        Spec.Properties["part"].Properties["enabled"].Type.Should().Be("boolean");
    }

    [Fact]
    public void Enums_are_string_enums_honouring_member_names()
    {
        var mode = Spec.Properties["mode"];

        mode.Type.Should().Be("string");
        mode.EnumProperty.Should().Equal("Interval", "DeltaThreshold", "adaptive-mode");
        Spec.Properties["part"].Properties["mode"].DefaultProperty.Should().Be("adaptive-mode");
    }

    [Fact]
    public void Lists_maps_and_nested_objects_are_described()
    {
        var tags = Spec.Properties["tags"];
        tags.Type.Should().Be("array");
        tags.MinItems.Should().Be(1);
        tags.MaxItems.Should().Be(3);
        ((V1JSONSchemaProps)tags.Items).Should().BeEquivalentTo(new { Type = "string", Pattern = "^[a-z]+$" }, "a pattern on a list of strings applies to its items");

        var counters = Spec.Properties["counters"];
        counters.Type.Should().Be("object");
        ((V1JSONSchemaProps)counters.AdditionalProperties).Should().BeEquivalentTo(new { Type = "integer", Format = "int64" });

        var limit = (V1JSONSchemaProps)Spec.Properties["limits"].AdditionalProperties;
        limit.XKubernetesIntOrString.Should().BeTrue();
        limit.AnyOf.Select(a => a.Type).Should().Equal("integer", "string");
        limit.Pattern.Should().NotBeNullOrEmpty("quantities are validated like Pod resources");

        var part = Spec.Properties["part"];
        part.Type.Should().Be("object");
        part.Description.Should().Be("Nested settings.");
        part.Properties.Keys.Should().Equal("custom_name", "enabled", "mode");
    }

    [Fact]
    public void Conditions_are_a_list_map_keyed_by_type()
    {
        var conditions = Version.Schema.OpenAPIV3Schema.Properties["status"].Properties["conditions"];
        var item = (V1JSONSchemaProps)conditions.Items;

        conditions.XKubernetesListType.Should().Be("map");
        conditions.XKubernetesListMapKeys.Should().Equal("type");
        item.Required.Should().BeEquivalentTo(["type", "status", "reason", "message", "lastTransitionTime"]);
        item.Properties["status"].EnumProperty.Should().Equal("True", "False", "Unknown");
        item.Properties["lastTransitionTime"].Format.Should().Be("date-time");
    }

    [Fact]
    public void Required_defaults_rules_and_list_keys_are_emitted()
    {
        Spec.Required.Should().Equal("mode", "size");
        Spec.Properties["period"].DefaultProperty.Should().Be("5m");
        Spec.Properties["part"].DefaultProperty.Should().BeAssignableTo<IDictionary<string, object?>>().Which.Should().BeEmpty();
        Spec.Properties["part"].Properties["enabled"].DefaultProperty.Should().Be(true);
        Spec.XKubernetesValidations.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Rule = "!has(self.maxSize) || self.maxSize >= self.size",
            Message = "maxSize must be at least size",
            FieldPath = ".maxSize",
        });
        Spec.Properties["serial"].XKubernetesValidations.Should().ContainSingle().Which.Rule.Should().Be("self == oldSelf");
        Spec.Properties["parts"].XKubernetesListType.Should().Be("map");
        Spec.Properties["parts"].XKubernetesListMapKeys.Should().Equal("name");
        Spec.Properties["extras"].XKubernetesPreserveUnknownFields.Should().BeTrue();
    }

    [Fact]
    public void Ignored_properties_are_left_out()
    {
        Spec.Properties.Keys.Should().NotContain(["hidden", "alsoHidden"]);
    }

    [Fact]
    public void Printer_columns_follow_their_order_with_json_paths_from_the_root()
    {
        Version.AdditionalPrinterColumns.Select(c => (c.Name, c.JsonPath, c.Type)).Should().Equal(
            ("Size", ".spec.size", "integer"),
            ("Age", ".metadata.creationTimestamp", "date"));
    }

    [Fact]
    public void Recursive_types_are_refused_with_the_path()
    {
        var generate = () => CrdGenerator.Generate(typeof(RecursiveThing));

        generate.Should().Throw<NotSupportedException>().WithMessage("*RecursiveNode*.spec.child*recursive*");
    }

    [Fact]
    public void Types_without_an_entity_attribute_are_refused()
    {
        var generate = () => CrdGenerator.Generate(typeof(WidgetSpec));

        generate.Should().Throw<ArgumentException>().WithMessage("*WidgetSpec*[KubernetesEntity]*");
    }
}
