using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Kube.Crds;

/// <summary>
/// Builds the OpenAPI v3 schema of a CLR type by reflection, honouring the schema attributes of
/// <see cref="SnapshotHa.Kube.Entities.Attributes"/>, and collects the printer columns found on the way.
/// </summary>
internal sealed class SchemaBuilder
{
    private readonly HashSet<Type> _inProgress = [];

    /// <summary>Printer columns declared on properties, with the JSON path from the resource root.</summary>
    public List<(int Order, int Index, V1CustomResourceColumnDefinition Column)> Columns { get; } = [];

    /// <summary>Builds the schema of <paramref name="type"/> found at <paramref name="jsonPath"/> (for example <c>.spec</c>).</summary>
    /// <exception cref="NotSupportedException">The type (or a nested one) has no schema mapping, or is recursive.</exception>
    public V1JSONSchemaProps ForType(Type type, string jsonPath, string? description)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        description ??= type.GetCustomAttribute<DescriptionAttribute>()?.Description;
        if (type == typeof(string))
        {
            return new V1JSONSchemaProps { Type = "string", Description = description };
        }

        if (type == typeof(bool))
        {
            return new V1JSONSchemaProps { Type = "boolean", Description = description };
        }

        if (type == typeof(int) || type == typeof(short) || type == typeof(byte))
        {
            return new V1JSONSchemaProps { Type = "integer", Format = "int32", Description = description };
        }

        if (type == typeof(long))
        {
            return new V1JSONSchemaProps { Type = "integer", Format = "int64", Description = description };
        }

        if (type == typeof(double) || type == typeof(decimal))
        {
            return new V1JSONSchemaProps { Type = "number", Format = "double", Description = description };
        }

        if (type == typeof(float))
        {
            return new V1JSONSchemaProps { Type = "number", Format = "float", Description = description };
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return new V1JSONSchemaProps { Type = "string", Format = "date-time", Description = description };
        }

        if (type.IsEnum)
        {
            return new V1JSONSchemaProps { Type = "string", EnumProperty = [.. EnumNames(type)], Description = description };
        }

        if (type == typeof(ResourceQuantity))
        {
            return StandardSchemas.Quantity(description);
        }

        if (type == typeof(IntOrString))
        {
            return StandardSchemas.IntOrString(description);
        }

        if (type == typeof(V1Condition))
        {
            return StandardSchemas.Condition();
        }

        if (type == typeof(V1ObjectMeta))
        {
            return StandardSchemas.Metadata();
        }

        if (type == typeof(JsonNode) || type == typeof(JsonObject) || type == typeof(JsonElement) || type == typeof(object))
        {
            return new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true, Description = description };
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            return new V1JSONSchemaProps
            {
                Type = "object",
                Description = description,
                AdditionalProperties = ForType(valueType, jsonPath + ".*", null),
            };
        }

        if (ItemType(type) is { } itemType)
        {
            var items = ForType(itemType, jsonPath + "[*]", null);
            var list = new V1JSONSchemaProps { Type = "array", Description = description, Items = items };
            if (itemType == typeof(V1Condition))
            {
                list.XKubernetesListType = "map";
                list.XKubernetesListMapKeys = ["type"];
            }

            return list;
        }

        if (type.IsClass && !type.IsAbstract)
        {
            return ForObject(type, jsonPath, description);
        }

        throw new NotSupportedException($"The type {type.FullName} at {jsonPath} has no OpenAPI schema mapping.");
    }

    /// <summary>The JSON names of an enum's members: <see cref="JsonStringEnumMemberNameAttribute"/> or the member name.</summary>
    public static IEnumerable<string> EnumNames(Type enumType) =>
        enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);

    /// <summary>The JSON name of a property: <see cref="JsonPropertyNameAttribute"/> or camelCase.</summary>
    public static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    /// <summary>The serialized properties of a type, ordered by JSON name.</summary>
    public static IEnumerable<PropertyInfo> SchemaProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .Where(p => p.GetCustomAttribute<IgnoreAttribute>() is null && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .OrderBy(JsonName, StringComparer.Ordinal);

    private V1JSONSchemaProps ForObject(Type type, string jsonPath, string? description)
    {
        if (!_inProgress.Add(type))
        {
            throw new NotSupportedException($"The type {type.FullName} at {jsonPath} is recursive; CRD schemas cannot express recursion.");
        }

        var schema = new V1JSONSchemaProps { Type = "object", Description = description, Properties = new Dictionary<string, V1JSONSchemaProps>() };
        var required = new List<string>();
        foreach (var property in SchemaProperties(type))
        {
            var name = JsonName(property);
            var propertyPath = $"{jsonPath}.{name}";
            var propertySchema = ForProperty(property, propertyPath);
            schema.Properties[name] = propertySchema;
            if (property.GetCustomAttribute<RequiredAttribute>() is not null)
            {
                required.Add(name);
            }

            AddColumn(property, propertyPath, propertySchema);
        }

        schema.Required = required.Count > 0 ? required : null;
        if (type.GetCustomAttribute<PreserveUnknownFieldsAttribute>() is not null)
        {
            schema.XKubernetesPreserveUnknownFields = true;
        }

        schema.XKubernetesValidations = Rules(type.GetCustomAttributes<ValidationRuleAttribute>());
        _inProgress.Remove(type);
        return schema;
    }

    private V1JSONSchemaProps ForProperty(PropertyInfo property, string jsonPath)
    {
        var schema = ForType(property.PropertyType, jsonPath, property.GetCustomAttribute<DescriptionAttribute>()?.Description);
        var target = schema.Type == "array" && schema.Items is V1JSONSchemaProps items && IsScalar(items) ? items : schema;
        if (property.GetCustomAttribute<PatternAttribute>() is { } pattern)
        {
            target.Pattern = pattern.Pattern;
        }

        if (property.GetCustomAttribute<LengthAttribute>() is { } length)
        {
            target.MinLength = length.MinLength >= 0 ? length.MinLength : null;
            target.MaxLength = length.MaxLength >= 0 ? length.MaxLength : null;
        }

        if (property.GetCustomAttribute<FormatAttribute>() is { } format)
        {
            target.Format = format.Format;
        }

        ApplyRange(property, target);
        if (property.GetCustomAttribute<ItemsAttribute>() is { } itemsBounds)
        {
            schema.MinItems = itemsBounds.MinItems >= 0 ? itemsBounds.MinItems : null;
            schema.MaxItems = itemsBounds.MaxItems >= 0 ? itemsBounds.MaxItems : null;
        }

        if (property.GetCustomAttribute<ListMapKeysAttribute>() is { } keys)
        {
            schema.XKubernetesListType = "map";
            schema.XKubernetesListMapKeys = [.. keys.Keys];
        }

        if (property.GetCustomAttribute<DefaultValueAttribute>() is { } defaultValue)
        {
            schema.DefaultProperty = DefaultFor(defaultValue.Value, schema, jsonPath);
        }

        if (property.GetCustomAttribute<PreserveUnknownFieldsAttribute>() is not null)
        {
            schema.XKubernetesPreserveUnknownFields = true;
        }

        if (property.GetCustomAttribute<EmbeddedResourceAttribute>() is not null)
        {
            schema.XKubernetesEmbeddedResource = true;
            schema.XKubernetesPreserveUnknownFields = true;
        }

        var rules = Rules(property.GetCustomAttributes<ValidationRuleAttribute>());
        if (rules is not null)
        {
            schema.XKubernetesValidations = [.. schema.XKubernetesValidations ?? [], .. rules];
        }

        return schema;
    }

    private static void ApplyRange(PropertyInfo property, V1JSONSchemaProps target)
    {
        if (property.GetCustomAttribute<RangeMinimumAttribute>() is { } minimum)
        {
            target.Minimum = minimum.Minimum;
            target.ExclusiveMinimum = minimum.ExclusiveMinimum ? true : null;
        }

        if (property.GetCustomAttribute<RangeMaximumAttribute>() is { } maximum)
        {
            target.Maximum = maximum.Maximum;
            target.ExclusiveMaximum = maximum.ExclusiveMaximum ? true : null;
        }
    }

    private void AddColumn(PropertyInfo property, string jsonPath, V1JSONSchemaProps schema)
    {
        if (property.GetCustomAttribute<AdditionalPrinterColumnAttribute>() is not { } column)
        {
            return;
        }

        var type = column.Type ?? schema.Format switch
        {
            "date-time" => "date",
            _ => schema.Type ?? "string",
        };
        Columns.Add((column.Order, Columns.Count, new V1CustomResourceColumnDefinition
        {
            Name = column.Name ?? JsonName(property),
            JsonPath = jsonPath,
            Type = type,
            Format = column.Format,
            Description = column.Description ?? schema.Description,
            Priority = column.Priority == Entities.PrinterColumnPriority.Standard ? null : (int)column.Priority,
        }));
    }

    private static bool IsScalar(V1JSONSchemaProps schema) => schema.Type is "string" or "integer" or "number" or "boolean";

    private static List<V1ValidationRule>? Rules(IEnumerable<ValidationRuleAttribute> attributes)
    {
        var rules = attributes.Select(a => new V1ValidationRule
        {
            Rule = a.Rule,
            Message = a.Message,
            MessageExpression = a.MessageExpression,
            FieldPath = a.FieldPath,
            Reason = a.Reason,
        }).ToList();
        return rules.Count > 0 ? rules : null;
    }

    private static object DefaultFor(object value, V1JSONSchemaProps schema, string jsonPath)
    {
        if (value is Enum enumValue)
        {
            var field = enumValue.GetType().GetField(enumValue.ToString())!;
            return field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? field.Name;
        }

        if (schema.Type is "object" or "array")
        {
            if (value is not string json)
            {
                throw new NotSupportedException($"The default of the {schema.Type} field {jsonPath} must be JSON text.");
            }

            return ToPlain(JsonNode.Parse(json)) ?? throw new NotSupportedException($"The default of {jsonPath} is null.");
        }

        return value switch
        {
            int i => (long)i,
            _ => value,
        };
    }

    /// <summary>Converts JSON to plain dictionaries, lists and scalars that serialize cleanly to YAML.</summary>
    private static object? ToPlain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => ToPlain(p.Value)),
        JsonArray a => a.Select(ToPlain).ToList(),
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        _ => node.GetValue<string>(),
    };

    private static Type? DictionaryValueType(Type type)
    {
        var dictionary = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        if (dictionary is null)
        {
            return null;
        }

        var arguments = dictionary.GetGenericArguments();
        return arguments[0] == typeof(string)
            ? arguments[1]
            : throw new NotSupportedException($"Map keys must be strings, not {arguments[0].Name}.");
    }

    private static Type? ItemType(Type type)
    {
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }
}
