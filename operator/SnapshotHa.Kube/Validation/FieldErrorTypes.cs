namespace SnapshotHa.Kube.Validation;

/// <summary>The Kubernetes field error types (StatusCause reasons) the validator reports.</summary>
public static class FieldErrorTypes
{
    /// <summary>A required field is absent.</summary>
    public const string Required = "FieldValueRequired";

    /// <summary>A value breaks a constraint (pattern, range, CEL rule).</summary>
    public const string Invalid = "FieldValueInvalid";

    /// <summary>A value is not one of the enumerated values.</summary>
    public const string NotSupported = "FieldValueNotSupported";

    /// <summary>A string is longer than maxLength.</summary>
    public const string TooLong = "FieldValueTooLong";

    /// <summary>A list has more than maxItems items.</summary>
    public const string TooMany = "FieldValueTooMany";

    /// <summary>A value has the wrong JSON type.</summary>
    public const string TypeInvalid = "FieldValueTypeInvalid";

    /// <summary>A field must not be set.</summary>
    public const string Forbidden = "FieldValueForbidden";

    /// <summary>A list item or map key repeats.</summary>
    public const string Duplicate = "FieldValueDuplicate";
}
