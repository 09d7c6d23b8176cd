using k8s.Models;

namespace SnapshotHa.Kube.Tests.TestKit;

/// <summary>The CustomResourceDefinition of <see cref="V1TestEntity"/> for the sandbox API server.</summary>
public static class TestCrd
{
    public static V1CustomResourceDefinition Create() => Create("Namespaced", "TestEntity", V1TestEntity.Plural);

    public static V1CustomResourceDefinition CreateClusterScoped() => Create("Cluster", "TestClusterEntity", V1TestClusterEntity.Plural);

    private static V1CustomResourceDefinition Create(string scope, string kind, string plural) => new()
    {
        ApiVersion = "apiextensions.k8s.io/v1",
        Kind = "CustomResourceDefinition",
        Metadata = new V1ObjectMeta { Name = $"{plural}.{V1TestEntity.Group}" },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = V1TestEntity.Group,
            Scope = scope,
            Names = new V1CustomResourceDefinitionNames
            {
                Kind = kind,
                ListKind = kind + "List",
                Plural = plural,
                Singular = kind.ToLowerInvariant(),
            },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = V1TestEntity.Version,
                    Served = true,
                    Storage = true,
                    Subresources = new V1CustomResourceSubresources { Status = new object() },
                    Schema = new V1CustomResourceValidation
                    {
                        OpenAPIV3Schema = new V1JSONSchemaProps
                        {
                            Type = "object",
                            Properties = new Dictionary<string, V1JSONSchemaProps>
                            {
                                ["spec"] = new()
                                {
                                    Type = "object",
                                    Properties = new Dictionary<string, V1JSONSchemaProps> { ["value"] = new() { Type = "string" } },
                                },
                                ["status"] = new() { Type = "object", XKubernetesPreserveUnknownFields = true },
                            },
                        },
                    },
                },
            ],
        },
    };
}
