using k8s.Models;

namespace SnapshotHa.Sandbox.Tests.Support;

/// <summary>A CustomResourceDefinition for protocol tests: Widget in test.snapshotha.io, with status, printer columns and a schema.</summary>
public static class TestCrds
{
    public const string Group = "test.snapshotha.io";
    public const string Version = "v1alpha1";
    public const string Plural = "widgets";

    public static V1CustomResourceDefinition Widget() => new()
    {
        ApiVersion = "apiextensions.k8s.io/v1",
        Kind = "CustomResourceDefinition",
        Metadata = new V1ObjectMeta { Name = $"{Plural}.{Group}" },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = Group,
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames
            {
                Kind = "Widget",
                ListKind = "WidgetList",
                Plural = Plural,
                Singular = "widget",
                ShortNames = ["wdg"],
                Categories = ["snapshotha"],
            },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = Version,
                    Served = true,
                    Storage = true,
                    Subresources = new V1CustomResourceSubresources { Status = new object() },
                    AdditionalPrinterColumns =
                    [
                        new V1CustomResourceColumnDefinition { Name = "Size", Type = "integer", JsonPath = ".spec.size" },
                        new V1CustomResourceColumnDefinition { Name = "Phase", Type = "string", JsonPath = ".status.phase" },
                        new V1CustomResourceColumnDefinition { Name = "Ready", Type = "string", JsonPath = ".status.conditions[?(@.type==\"Ready\")].status" },
                        new V1CustomResourceColumnDefinition { Name = "Age", Type = "date", JsonPath = ".metadata.creationTimestamp" },
                    ],
                    Schema = new V1CustomResourceValidation
                    {
                        OpenAPIV3Schema = new V1JSONSchemaProps
                        {
                            Type = "object",
                            Description = "Widget is a test resource.",
                            Properties = new Dictionary<string, V1JSONSchemaProps>
                            {
                                ["spec"] = new()
                                {
                                    Type = "object",
                                    Description = "Spec is the desired state of the widget.",
                                    Required = ["size"],
                                    Properties = new Dictionary<string, V1JSONSchemaProps>
                                    {
                                        ["size"] = new() { Type = "integer", Description = "Size of the widget.", Minimum = 1 },
                                        ["color"] = new() { Type = "string", Description = "Color of the widget." },
                                    },
                                },
                                ["status"] = new()
                                {
                                    Type = "object",
                                    Properties = new Dictionary<string, V1JSONSchemaProps>
                                    {
                                        ["phase"] = new() { Type = "string" },
                                        ["conditions"] = new()
                                        {
                                            Type = "array",
                                            Items = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true },
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            ],
        },
    };
}
