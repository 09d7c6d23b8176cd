using System.Text.Json.Nodes;

namespace SnapshotHa.Sandbox.ApiServer.Errors;

/// <summary>A request failure answered with a <c>meta/v1 Status</c> body, as kube-apiserver answers.</summary>
/// <param name="code">HTTP status code, e.g. 409.</param>
/// <param name="reason">Status reason, e.g. <c>Conflict</c>.</param>
/// <param name="message">Status message.</param>
/// <param name="details">Status details (name, group, kind, causes), or null.</param>
internal sealed class ApiException(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    /// <summary>HTTP status code.</summary>
    public int Code { get; } = code;

    /// <summary>Status reason.</summary>
    public string Reason { get; } = reason;

    /// <summary>The Status object kube-apiserver would send.</summary>
    public JsonObject ToStatus() => StatusObjects.Failure(Code, Reason, Message, details?.DeepClone().AsObject());
}
