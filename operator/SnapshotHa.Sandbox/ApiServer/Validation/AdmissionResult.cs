using SnapshotHa.Kube.Validation;

namespace SnapshotHa.Sandbox.ApiServer.Validation;

/// <summary>The outcome of admission: field errors (empty when valid) and the dotted paths of pruned unknown fields.</summary>
internal sealed record AdmissionResult(IReadOnlyList<FieldError> Errors, IReadOnlyList<string> UnknownFields)
{
    /// <summary>Nothing to report.</summary>
    public static AdmissionResult Clean { get; } = new([], []);
}
