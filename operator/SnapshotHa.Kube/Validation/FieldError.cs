namespace SnapshotHa.Kube.Validation;

/// <summary>
/// One validation failure, shaped like a cause of a kube-apiserver 422 <c>Status</c>:
/// <paramref name="Field"/> is the path (<c>spec.schedule.interval</c>, <c>spec.items[0].name</c>, <c>spec.limits[cpu]</c>),
/// <paramref name="Type"/> the cause reason (<see cref="FieldErrorTypes"/>), <paramref name="Message"/> the detail without the path prefix.
/// </summary>
/// <param name="Field">The field path; empty for errors about the whole object.</param>
/// <param name="Type">The Kubernetes cause reason, for example <c>FieldValueRequired</c>.</param>
/// <param name="Message">The kube-apiserver-shaped message, for example <c>Required value</c>.</param>
public sealed record FieldError(string Field, string Type, string Message)
{
    /// <summary>The line kubectl prints for this cause: <c>field: message</c>.</summary>
    public override string ToString() => Field.Length == 0 ? Message : $"{Field}: {Message}";
}
