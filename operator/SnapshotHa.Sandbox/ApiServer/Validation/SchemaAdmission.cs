using System.Text.Json.Nodes;
using SnapshotHa.Sandbox.ApiServer.Errors;
using SnapshotHa.Sandbox.ApiServer.Resources;

namespace SnapshotHa.Sandbox.ApiServer.Validation;

/// <summary>
/// Admission against the resource's OpenAPI schema (custom resources); built-in kinds, which have no schema here, are
/// admitted as they are. Metadata is left to the server's own rules.
/// </summary>
internal sealed class SchemaAdmission : IObjectAdmission
{
    /// <inheritdoc />
    public IReadOnlyList<FieldViolation> Admit(ResourceType type, JsonObject obj, JsonObject? old)
    {
        if (type.Schema is null)
        {
            return [];
        }

        var schema = type.Schema.DeepClone().AsObject();
        (schema["properties"] as JsonObject)?.Remove("metadata");
        return StructuralSchemaCheck.Check(schema, obj, string.Empty);
    }
}
