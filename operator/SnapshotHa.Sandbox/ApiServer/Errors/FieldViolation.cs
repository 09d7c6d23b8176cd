namespace SnapshotHa.Sandbox.ApiServer.Errors;

/// <summary>One invalid field: path (<c>spec.vm</c>), kube cause reason (<c>FieldValueRequired</c>) and message (<c>Required value</c>).</summary>
internal sealed record FieldViolation(string Field, string Reason, string Message);
