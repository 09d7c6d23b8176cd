using System.Globalization;
using System.Text.Json.Nodes;
using Cel;

namespace SnapshotHa.Kube.Validation;

/// <summary>
/// Evaluates <c>x-kubernetes-validations</c> with the Cel library, as kube-apiserver does: <c>self</c> is the value
/// at the rule's node, <c>oldSelf</c> the value at the same place in the old object; transition rules run only when
/// that old value exists. Old values are correlated through object properties, map keys and list-map keys.
/// </summary>
internal sealed class CelRuleEvaluator
{
    private readonly CelEnvironment _environment = new(null, null);
    private readonly Dictionary<string, CelProgramDelegate> _programs = new(StringComparer.Ordinal);

    /// <summary>Parses every rule of the schema so that a malformed rule fails when the CRD is loaded.</summary>
    /// <exception cref="ArgumentException">A rule or message expression does not parse.</exception>
    public CelRuleEvaluator(StructuralSchema root, string crdName)
    {
        foreach (var (schema, path) in Nodes(root, ""))
        {
            foreach (var rule in schema.Rules)
            {
                Compile(rule.Rule, crdName, path);
                if (rule.MessageExpression is { } expression)
                {
                    Compile(expression, crdName, path);
                }
            }
        }
    }

    /// <summary>Evaluates the rules of <paramref name="schema"/> and its descendants on <paramref name="value"/>.</summary>
    public void Validate(StructuralSchema schema, JsonNode? value, JsonNode? oldValue, bool hasOld, string path, List<FieldError> errors)
    {
        if (value is null)
        {
            return;
        }

        foreach (var rule in schema.Rules)
        {
            if (rule.IsTransitionRule && !hasOld)
            {
                continue;
            }

            Evaluate(rule, schema, value, oldValue, path, errors);
        }

        switch (value)
        {
            case JsonObject obj when schema.Properties.Count > 0:
                foreach (var (name, child) in schema.Properties)
                {
                    if (obj[name] is { } childValue)
                    {
                        var oldChild = (oldValue as JsonObject)?[name];
                        Validate(child, childValue, oldChild, hasOld && oldChild is not null, KubeFormat.Child(path, name), errors);
                    }
                }

                break;
            case JsonObject map when schema.AdditionalProperties is { } values:
                foreach (var (key, entry) in map)
                {
                    var oldEntry = (oldValue as JsonObject)?[key];
                    Validate(values, entry, oldEntry, hasOld && oldEntry is not null, $"{path}[{key}]", errors);
                }

                break;
            case JsonArray list when schema.Items is { } items:
                for (var i = 0; i < list.Count; i++)
                {
                    var oldItem = schema.ListType == "map" ? FindByKeys(oldValue as JsonArray, list[i], schema.ListMapKeys) : null;
                    Validate(items, list[i], oldItem, hasOld && oldItem is not null, $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]", errors);
                }

                break;
        }
    }

    private void Evaluate(CelRule rule, StructuralSchema schema, JsonNode value, JsonNode? oldValue, string path, List<FieldError> errors)
    {
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["self"] = CelValues.From(value),
            ["oldSelf"] = CelValues.From(oldValue),
        };
        var field = FieldPathOf(path, rule.FieldPath);
        object? result;
        try
        {
            result = _programs[rule.Rule].Invoke(variables);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            errors.Add(new FieldError(path, FieldErrorTypes.Invalid, $"Invalid value: \"{schema.TypeName}\": rule evaluation error: {rule.Rule}: {e.Message}"));
            return;
        }

        if (result is true)
        {
            return;
        }

        var message = Message(rule, variables);
        errors.Add(rule.Reason switch
        {
            FieldErrorTypes.Required => new FieldError(field, FieldErrorTypes.Required, $"Required value: {message}"),
            FieldErrorTypes.Forbidden => new FieldError(field, FieldErrorTypes.Forbidden, $"Forbidden: {message}"),
            FieldErrorTypes.Duplicate => new FieldError(field, FieldErrorTypes.Duplicate, $"Duplicate value: \"{schema.TypeName}\""),
            _ => new FieldError(field, FieldErrorTypes.Invalid, $"Invalid value: \"{schema.TypeName}\": {message}"),
        });
    }

    private string Message(CelRule rule, Dictionary<string, object?> variables)
    {
        if (rule.MessageExpression is { } expression)
        {
            try
            {
                if (_programs[expression].Invoke(variables) is string text && text.Length > 0)
                {
                    return text;
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // kube-apiserver falls back to the static message when the message expression fails.
            }
        }

        return rule.Message ?? $"failed rule: {rule.Rule}";
    }

    private static string FieldPathOf(string path, string? fieldPath)
    {
        if (string.IsNullOrEmpty(fieldPath))
        {
            return path;
        }

        var relative = fieldPath.TrimStart('.');
        return fieldPath.StartsWith('[') ? path + fieldPath : KubeFormat.Child(path, relative);
    }

    private static JsonNode? FindByKeys(JsonArray? oldList, JsonNode? item, IReadOnlyList<string> keys) =>
        oldList?.FirstOrDefault(old => keys.All(k => JsonNode.DeepEquals(old?[k], item?[k])));

    private void Compile(string expression, string crdName, string path)
    {
        if (_programs.ContainsKey(expression))
        {
            return;
        }

        try
        {
            _programs[expression] = _environment.Compile(expression);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ArgumentException($"The CEL expression \"{expression}\" at {(path.Length == 0 ? "the root" : path)} of {crdName} does not compile: {e.Message}", nameof(expression), e);
        }
    }

    private static IEnumerable<(StructuralSchema Schema, string Path)> Nodes(StructuralSchema schema, string path)
    {
        yield return (schema, path);
        foreach (var (name, child) in schema.Properties)
        {
            foreach (var node in Nodes(child, KubeFormat.Child(path, name)))
            {
                yield return node;
            }
        }

        if (schema.Items is { } items)
        {
            foreach (var node in Nodes(items, path + "[*]"))
            {
                yield return node;
            }
        }

        if (schema.AdditionalProperties is { } values)
        {
            foreach (var node in Nodes(values, path + "[*]"))
            {
                yield return node;
            }
        }
    }
}
