using System.Text.Json.Nodes;
using SnapshotHa.Sandbox.ApiServer.Resources;

namespace SnapshotHa.Sandbox.ApiServer.Validation;

/// <summary>Schema admission of an object before it is stored: pruning of unknown fields, defaulting, validation.</summary>
internal interface IObjectAdmission
{
    /// <summary>
    /// Prunes and defaults <paramref name="obj"/> in place and returns its field errors and the unknown fields it dropped;
    /// <paramref name="old"/> is the stored object on updates (for transition rules), null on create.
    /// </summary>
    AdmissionResult Admit(ResourceType type, JsonObject obj, JsonObject? old);
}
