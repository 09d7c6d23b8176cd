using System.Text.Json.Nodes;
using SnapshotHa.Kube.Validation;

namespace SnapshotHa.Kube.Tests.Validation;

public sealed class CustomResourceSchemaTests
{
    private static readonly CustomResourceSchema Schema = WidgetSchema.Schema;

    private static JsonObject Spec(JsonObject widget) => widget["spec"]!.AsObject();

    [Fact]
    public void A_valid_widget_has_no_errors()
    {
        Schema.Validate(WidgetSchema.Valid()).Should().BeEmpty();
        Schema.Group.Should().Be("test.snapshotha.io");
        Schema.Kind.Should().Be("Widget");
        Schema.Versions.Should().Equal("v1");
    }

    [Fact]
    public void Missing_required_field_is_reported_at_its_path()
    {
        var widget = WidgetSchema.Valid();
        Spec(widget).Remove("mode");

        Schema.Validate(widget).Should().ContainSingle().Which.Should().Be(new FieldError("spec.mode", "FieldValueRequired", "Required value"));
    }

    [Fact]
    public void Unsupported_enum_value_lists_the_supported_values_like_kube_apiserver()
    {
        var widget = WidgetSchema.Valid();
        Spec(widget)["mode"] = "Foo";

        var errors = Schema.Validate(widget);

        errors.Should().Contain(new FieldError("spec.mode", "FieldValueNotSupported",
            "Unsupported value: \"Foo\": supported values: \"Interval\", \"DeltaThreshold\", \"adaptive-mode\""));
    }

    [Fact]
    public void Wrong_type_blocks_cel_rules_like_kube_apiserver()
    {
        var widget = WidgetSchema.Valid();
        Spec(widget)["size"] = "three";
        Spec(widget)["maxSize"] = 1;

        var errors = Schema.Validate(widget);

        errors.Should().HaveCount(2);
        errors[0].Should().Be(new FieldError("spec.size", "FieldValueTypeInvalid", "Invalid value: \"string\": spec.size in body must be of type integer: \"string\""));
        errors[1].Message.Should().Contain("some validation rules were not checked");
    }

    [Theory]
    [InlineData("size", "0", "spec.size", "FieldValueInvalid", "Invalid value: 0: spec.size in body should be greater than or equal to 1")]
    [InlineData("size", "10", "spec.size", "FieldValueInvalid", "Invalid value: 10: spec.size in body should be less than 10")]
    [InlineData("period", "\"5s\"", "spec.period", "FieldValueInvalid", "Invalid value: \"5s\": spec.period in body should match '^[0-9]+m$'")]
    [InlineData("tags", "[]", "spec.tags", "FieldValueInvalid", "Invalid value: 0: spec.tags in body should have at least 1 items")]
    [InlineData("tags", "[\"a\",\"b\",\"c\",\"d\"]", "spec.tags", "FieldValueTooMany", "Too many: 4: must have at most 3 items")]
    [InlineData("tags", "[\"ok\",\"NO\"]", "spec.tags[1]", "FieldValueInvalid", "Invalid value: \"NO\": spec.tags[1] in body should match '^[a-z]+$'")]
    [InlineData("limits", "{\"cpu\":\"fast\"}", "spec.limits[cpu]", "FieldValueInvalid", "Invalid value: \"fast\"")]
    [InlineData("limits", "{\"cpu\":true}", "spec.limits[cpu]", "FieldValueTypeInvalid", "Invalid value: \"boolean\"")]
    [InlineData("counters", "{\"x\":1.5}", "spec.counters[x]", "FieldValueTypeInvalid", "must be of type integer")]
    [InlineData("madeAt", "\"noon\"", "spec.madeAt", "FieldValueInvalid", "Invalid value: \"noon\"")]
    [InlineData("maxSize", "2", "spec.maxSize", "FieldValueInvalid", "Invalid value: \"object\": maxSize must be at least size")]
    public void Constraint_violations_name_the_field(string property, string json, string field, string type, string message)
    {
        var widget = WidgetSchema.Valid();
        Spec(widget)[property] = JsonNode.Parse(json);

        var errors = Schema.Validate(widget);

        errors.Should().Contain(e => e.Field == field && e.Type == type && e.Message.Contains(message, StringComparison.Ordinal),
            string.Join("; ", errors));
    }

    [Fact]
    public void Too_long_strings_are_reported_as_too_long()
    {
        var crd = Crds.CrdGeneratorTestsAccess.WidgetCrdWithMaxLength(4);
        var schema = CustomResourceSchema.FromCrd(crd);
        var widget = WidgetSchema.Valid();
        Spec(widget)["period"] = "12345m";

        schema.Validate(widget).Should().Contain(new FieldError("spec.period", "FieldValueTooLong", "Too long: may not be more than 4 bytes"));
    }

    [Fact]
    public void Duplicate_list_map_keys_are_reported_on_the_repeated_item()
    {
        var widget = WidgetSchema.Valid();
        Spec(widget)["parts"]!.AsArray().Add(new JsonObject { ["name"] = "a", ["count"] = 2 });

        Schema.Validate(widget).Should().ContainSingle().Which.Should().Be(new FieldError("spec.parts[2]", "FieldValueDuplicate", "Duplicate value: {\"name\":\"a\"}"));
    }

    [Fact]
    public void Transition_rules_run_only_on_updates_with_an_old_value()
    {
        var old = WidgetSchema.Valid();
        Spec(old)["serial"] = "A-1";
        var changed = (JsonObject)old.DeepClone();
        Spec(changed)["serial"] = "B-2";
        var added = WidgetSchema.Valid();
        Spec(added)["serial"] = "C-3";

        Schema.Validate(changed).Should().BeEmpty("on create there is no oldSelf");
        Schema.Validate(changed, old).Should().ContainSingle().Which.Should().Be(new FieldError("spec.serial", "FieldValueInvalid", "Invalid value: \"string\": serial is immutable"));
        Schema.Validate(added, WidgetSchema.Valid()).Should().BeEmpty("an optional field without an old value has no oldSelf");
        Schema.Validate(old, old.DeepClone()).Should().BeEmpty();
    }

    [Fact]
    public void Wrong_api_version_or_kind_is_reported()
    {
        var wrongVersion = WidgetSchema.Valid();
        wrongVersion["apiVersion"] = "test.snapshotha.io/v2";
        var wrongKind = WidgetSchema.Valid();
        wrongKind["kind"] = "Gadget";
        var noVersion = WidgetSchema.Valid();
        noVersion.Remove("apiVersion");

        Schema.Validate(wrongVersion).Should().ContainSingle().Which.Should().Be(new FieldError("apiVersion", "FieldValueNotSupported",
            "Unsupported value: \"test.snapshotha.io/v2\": supported values: \"test.snapshotha.io/v1\""));
        Schema.Validate(wrongKind).Should().ContainSingle().Which.Field.Should().Be("kind");
        Schema.Validate(noVersion).Should().ContainSingle().Which.Should().Be(new FieldError("apiVersion", "FieldValueRequired", "Required value"));
        Schema.Validate(JsonNode.Parse("[]")!).Should().ContainSingle().Which.Type.Should().Be("FieldValueTypeInvalid");
    }

    [Fact]
    public void Defaults_fill_absent_fields_and_nested_objects()
    {
        var widget = WidgetSchema.Valid();

        Schema.ApplyDefaults(widget);

        Spec(widget)["period"]!.GetValue<string>().Should().Be("5m");
        Spec(widget)["part"]!.ToJsonString().Should().Be("{\"enabled\":true,\"mode\":\"adaptive-mode\"}");
        Spec(widget)["size"]!.GetValue<int>().Should().Be(3, "set values are kept");
    }

    [Fact]
    public void Defaults_replace_nulls_but_keep_set_values()
    {
        var widget = WidgetSchema.Valid();
        Spec(widget)["period"] = null;
        Spec(widget)["part"] = new JsonObject { ["enabled"] = false };

        Schema.ApplyDefaults(widget);

        Spec(widget)["period"]!.GetValue<string>().Should().Be("5m");
        Spec(widget)["part"]!["enabled"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public void Pruning_drops_unknown_fields_but_keeps_metadata_and_preserved_objects()
    {
        var widget = WidgetSchema.Valid();
        widget["extra"] = 1;
        Spec(widget)["colour"] = "blue";
        Spec(widget)["parts"]![0]!["weight"] = 3;
        Spec(widget)["extras"] = new JsonObject { ["known"] = "k", ["anything"] = new JsonObject { ["goes"] = true } };

        Schema.PruneUnknownFields(widget);

        widget.ContainsKey("extra").Should().BeFalse();
        Spec(widget).ContainsKey("colour").Should().BeFalse();
        Spec(widget)["parts"]![0]!.AsObject().ContainsKey("weight").Should().BeFalse();
        Spec(widget)["extras"]!["anything"]!["goes"]!.GetValue<bool>().Should().BeTrue();
        widget["metadata"]!["labels"]!["a"]!.GetValue<string>().Should().Be("b");
        widget["apiVersion"].Should().NotBeNull();
        Schema.Validate(widget).Should().BeEmpty();
    }

    [Fact]
    public void Unknown_versions_are_left_alone_by_defaulting_and_pruning()
    {
        var widget = WidgetSchema.Valid();
        widget["apiVersion"] = "test.snapshotha.io/v9";
        Spec(widget)["colour"] = "blue";
        var before = widget.ToJsonString();

        Schema.PruneUnknownFields(widget);
        Schema.ApplyDefaults(widget);

        widget.ToJsonString().Should().Be(before);
    }

    [Fact]
    public void Schema_is_safe_to_share_between_threads()
    {
        var results = Enumerable.Range(0, 64).AsParallel().Select(i =>
        {
            var widget = WidgetSchema.Valid();
            Spec(widget)["size"] = i % 2 == 0 ? 3 : 0;
            return (i, Schema.Validate(widget).Count);
        }).ToList();

        results.Should().OnlyContain(r => r.Count == (r.i % 2 == 0 ? 0 : 1));
    }
}
