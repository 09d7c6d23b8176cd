namespace SnapshotHa.Kube.Entities.Attributes;

/// <summary>A <c>kubectl get</c> column with an explicit JSON path, put on the entity type.</summary>
/// <param name="jsonPath">The JSON path from the resource root, for example <c>.metadata.creationTimestamp</c>.</param>
/// <param name="name">The column header.</param>
/// <param name="type">The OpenAPI column type (string, integer, number, boolean, date).</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class GenericAdditionalPrinterColumnAttribute(string jsonPath, string name, string type) : Attribute
{
    /// <summary>The JSON path from the resource root.</summary>
    public string JsonPath { get; } = jsonPath;

    /// <summary>The column header.</summary>
    public string Name { get; } = name;

    /// <summary>The OpenAPI column type.</summary>
    public string Type { get; } = type;

    /// <summary>A human-readable description of the column.</summary>
    public string? Description { get; init; }

    /// <summary>An optional OpenAPI column format.</summary>
    public string? Format { get; init; }

    /// <summary>When the column is shown.</summary>
    public PrinterColumnPriority Priority { get; init; } = PrinterColumnPriority.Standard;

    /// <summary>Orders columns that come from different places; lower first, then declaration order.</summary>
    public int Order { get; init; }
}
