using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace SnapshotHa.Kube.Validation;

/// <summary>The compiled schema of one CRD version: JsonSchema.Net for the OpenAPI keywords, the structural tree for the rest.</summary>
internal sealed class VersionValidator
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
    private readonly JsonSchema _jsonSchema;
    private readonly JsonObject _translated;
    private readonly CelRuleEvaluator _cel;

    public VersionValidator(string crdName, string version, JsonObject openApiSchema)
    {
        Structural = StructuralSchema.Parse(openApiSchema);
        _translated = JsonSchemaTranslator.Translate(openApiSchema);
        var buildOptions = new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 };
        _jsonSchema = JsonSchema.Build(JsonSerializer.SerializeToElement(_translated), buildOptions, new Uri($"urn:snapshotha:crd:{crdName}:{version}"));
        _cel = new CelRuleEvaluator(Structural, crdName);
    }

    public StructuralSchema Structural { get; }

    public void Validate(JsonNode input, JsonNode? oldInput, List<FieldError> errors)
    {
        // Work on parsed copies: every number is then backed by JSON text, whatever CLR type the caller stored.
        var obj = JsonNode.Parse(input.ToJsonString())!;
        var oldObj = oldInput is null ? null : JsonNode.Parse(oldInput.ToJsonString());
        using var document = JsonDocument.Parse(obj.ToJsonString());
        var results = _jsonSchema.Evaluate(document.RootElement, Options);
        var schemaErrors = results.IsValid ? [] : SchemaErrorMapper.Map(results, _translated, Structural, obj).ToList();
        errors.AddRange(schemaErrors);
        ListSemantics.Validate(Structural, obj, "", errors);
        if (schemaErrors.Any(e => e.Type is FieldErrorTypes.TypeInvalid or FieldErrorTypes.NotSupported))
        {
            errors.Add(new FieldError("", FieldErrorTypes.Invalid,
                "Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation"));
            return;
        }

        _cel.Validate(Structural, obj, oldObj, oldObj is not null, "", errors);
    }
}
