namespace SnapshotHa.Kube.Entities.Attributes;

/// <summary>
/// Shows this field as a <c>kubectl get</c> column; the JSON path is the field's path from the resource root.
/// Put it on a property of a spec or status type.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AdditionalPrinterColumnAttribute : Attribute
{
    /// <summary>The column header; defaults to the field name.</summary>
    public string? Name { get; init; }

    /// <summary>When the column is shown.</summary>
    public PrinterColumnPriority Priority { get; init; } = PrinterColumnPriority.Standard;

    /// <summary>A human-readable description of the column; defaults to the field description.</summary>
    public string? Description { get; init; }

    /// <summary>An OpenAPI column type (string, integer, number, boolean, date); inferred when absent.</summary>
    public string? Type { get; init; }

    /// <summary>An optional OpenAPI column format.</summary>
    public string? Format { get; init; }

    /// <summary>Orders columns that come from different places; lower first, then declaration order.</summary>
    public int Order { get; init; }
}
