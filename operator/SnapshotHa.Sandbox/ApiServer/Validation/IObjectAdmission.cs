using System.Text.Json.Nodes;
using SnapshotHa.Kube.Validation;
using SnapshotHa.Sandbox.ApiServer.Errors;
using SnapshotHa.Sandbox.ApiServer.Resources;

namespace SnapshotHa.Sandbox.ApiServer.Validation;

/// <summary>Schema admission of an object before it is stored: defaulting, pruning of unknown fields, validation.</summary>
internal interface IObjectAdmission
{
    /// <summary>
    /// Defaults and prunes <paramref name="obj"/> in place and returns its field violations (empty when valid);
    /// <paramref name="old"/> is the stored object on updates (for transition rules), null on create.
    /// </summary>
    IReadOnlyList<FieldError> Admit(ResourceType type, JsonObject obj, JsonObject? old);
}
