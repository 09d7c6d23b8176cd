using System.Reflection;
using k8s;
using k8s.Models;
using SnapshotHa.Kube.Entities;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Kube.Crds;

/// <summary>
/// Generates CustomResourceDefinitions from entity types: the OpenAPI v3 schema with descriptions, validation and
/// defaults, the status subresource, printer columns, short names and categories.
/// </summary>
public static class CrdGenerator
{
    /// <summary>Generates the CRDs of every entity type in <paramref name="assembly"/>, ordered by CRD name.</summary>
    /// <exception cref="NotSupportedException">A type has a field without a schema mapping.</exception>
    public static IReadOnlyList<V1CustomResourceDefinition> GenerateAll(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return [.. EntityTypes(assembly).Select(Generate).OrderBy(c => c.Metadata.Name, StringComparer.Ordinal)];
    }

    /// <summary>The entity types of an assembly: concrete Kubernetes objects carrying <see cref="KubernetesEntityAttribute"/>.</summary>
    public static IEnumerable<Type> EntityTypes(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetCustomAttribute<KubernetesEntityAttribute>() is not null)
            .Where(t => typeof(IKubernetesObject).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
    }

    /// <summary>Generates the CRD of one entity type.</summary>
    /// <exception cref="ArgumentException">The type carries no <see cref="KubernetesEntityAttribute"/> or lacks kind, group, version or plural.</exception>
    /// <exception cref="NotSupportedException">A field has no schema mapping.</exception>
    public static V1CustomResourceDefinition Generate(Type entityType)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        var entity = entityType.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{entityType.FullName} carries no [KubernetesEntity].", nameof(entityType));
        if (string.IsNullOrEmpty(entity.Kind) || string.IsNullOrEmpty(entity.Group) || string.IsNullOrEmpty(entity.ApiVersion) || string.IsNullOrEmpty(entity.PluralName))
        {
            throw new ArgumentException($"[KubernetesEntity] on {entityType.FullName} must set Kind, Group, ApiVersion and PluralName.", nameof(entityType));
        }

        var builder = new SchemaBuilder();
        var root = RootSchema(entityType, builder);
        var hasStatus = entityType.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IStatus<>));
        var version = new V1CustomResourceDefinitionVersion
        {
            Name = entity.ApiVersion,
            Served = true,
            Storage = true,
            Schema = new V1CustomResourceValidation { OpenAPIV3Schema = root },
            Subresources = hasStatus ? new V1CustomResourceSubresources { Status = new Dictionary<string, object>() } : null,
            AdditionalPrinterColumns = Columns(entityType, builder),
        };
        var scope = entityType.GetCustomAttribute<EntityScopeAttribute>()?.Scope ?? EntityScope.Namespaced;
        var shortNames = entityType.GetCustomAttribute<KubernetesEntityShortNamesAttribute>()?.ShortNames;
        var categories = entityType.GetCustomAttribute<EntityCategoriesAttribute>()?.Categories;
        return new V1CustomResourceDefinition
        {
            ApiVersion = "apiextensions.k8s.io/v1",
            Kind = "CustomResourceDefinition",
            Metadata = new V1ObjectMeta { Name = $"{entity.PluralName}.{entity.Group}" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = entity.Group,
                Scope = scope.ToString(),
                Names = new V1CustomResourceDefinitionNames
                {
                    Kind = entity.Kind,
                    ListKind = entity.Kind + "List",
                    Plural = entity.PluralName,
                    Singular = entity.Kind.ToLowerInvariant(),
                    ShortNames = shortNames is { Count: > 0 } ? [.. shortNames] : null,
                    Categories = categories is { Count: > 0 } ? [.. categories] : null,
                },
                Versions = [version],
            },
        };
    }

    private static V1JSONSchemaProps RootSchema(Type entityType, SchemaBuilder builder)
    {
        var properties = new Dictionary<string, V1JSONSchemaProps>
        {
            ["apiVersion"] = StandardSchemas.ApiVersion(),
            ["kind"] = StandardSchemas.Kind(),
            ["metadata"] = StandardSchemas.Metadata(),
        };
        var required = new List<string>();
        foreach (var property in SchemaBuilder.SchemaProperties(entityType))
        {
            var name = SchemaBuilder.JsonName(property);
            if (properties.ContainsKey(name))
            {
                continue;
            }

            properties[name] = builder.ForType(property.PropertyType, "." + name, property.GetCustomAttribute<DescriptionAttribute>()?.Description);
            if (name == "spec" || property.GetCustomAttribute<RequiredAttribute>() is not null)
            {
                required.Add(name);
            }
        }

        return new V1JSONSchemaProps
        {
            Type = "object",
            Description = entityType.GetCustomAttribute<DescriptionAttribute>()?.Description,
            Properties = properties.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value),
            Required = required.Count > 0 ? required : null,
            XKubernetesValidations = entityType.GetCustomAttributes<ValidationRuleAttribute>()
                .Select(a => new V1ValidationRule { Rule = a.Rule, Message = a.Message, MessageExpression = a.MessageExpression, FieldPath = a.FieldPath, Reason = a.Reason })
                .ToList() is { Count: > 0 } rules ? rules : null,
        };
    }

    private static List<V1CustomResourceColumnDefinition>? Columns(Type entityType, SchemaBuilder builder)
    {
        var generic = entityType.GetCustomAttributes<GenericAdditionalPrinterColumnAttribute>()
            .Select((c, index) => (c.Order, Index: builder.Columns.Count + index, Column: new V1CustomResourceColumnDefinition
            {
                Name = c.Name,
                JsonPath = c.JsonPath,
                Type = c.Type,
                Format = c.Format,
                Description = c.Description,
                Priority = c.Priority == PrinterColumnPriority.Standard ? null : (int)c.Priority,
            }));
        var columns = builder.Columns.Concat(generic).OrderBy(c => c.Order).ThenBy(c => c.Index).Select(c => c.Column).ToList();
        return columns.Count > 0 ? columns : null;
    }
}
