namespace SnapshotHa.Kube.Entities.Attributes;

/// <summary>
/// A CEL rule evaluated by the API server (<c>x-kubernetes-validations</c>). On a type it applies to every field of
/// that type (<c>self</c> is the object); on a property it applies to that field (<c>self</c> is the value).
/// Rules that mention <c>oldSelf</c> are transition rules: they run only on updates where the old value exists.
/// </summary>
/// <param name="rule">The CEL expression; true means valid.</param>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class, AllowMultiple = true)]
public sealed class ValidationRuleAttribute(string rule) : Attribute
{
    /// <summary>The CEL expression.</summary>
    public string Rule { get; } = rule;

    /// <summary>The message reported when the rule fails.</summary>
    public string? Message { get; init; }

    /// <summary>A CEL expression producing the message, instead of <see cref="Message"/>.</summary>
    public string? MessageExpression { get; init; }

    /// <summary>A relative JSON path (for example <c>.deltaThresholdBytes</c>) of the field to blame.</summary>
    public string? FieldPath { get; init; }

    /// <summary>The reason reported: <c>FieldValueInvalid</c> (default), <c>FieldValueRequired</c>, <c>FieldValueForbidden</c> or <c>FieldValueDuplicate</c>.</summary>
    public string? Reason { get; init; }
}
