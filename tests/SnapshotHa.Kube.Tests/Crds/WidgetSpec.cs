using System.Text.Json.Serialization;
using k8s.Models;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Kube.Tests.Crds;

[Description("The widget's desired state.")]
[ValidationRule("!has(self.maxSize) || self.maxSize >= self.size", Message = "maxSize must be at least size", FieldPath = ".maxSize")]
public sealed record WidgetSpec
{
    [Required]
    [Description("How the widget runs.")]
    public WidgetMode Mode { get; set; }

    [Required]
    [RangeMinimum(1)]
    [RangeMaximum(10, ExclusiveMaximum = true)]
    [AdditionalPrinterColumn(Name = "Size", Order = 1)]
    [Description("Size of the widget.")]
    public int Size { get; set; }

    [Description("Largest size.")]
    public int? MaxSize { get; set; }

    [Description("Bytes of the widget.")]
    public long Bytes { get; set; }

    [Description("Weight of the widget.")]
    public double? Weight { get; set; }

    [DefaultValue("5m")]
    [Pattern("^[0-9]+m$")]
    [Description("Period of the widget.")]
    public string? Period { get; set; }

    [Items(MinItems = 1, MaxItems = 3)]
    [Pattern("^[a-z]+$")]
    [Description("Tags of the widget.")]
    public IList<string>? Tags { get; set; }

    [Description("Limits by resource name.")]
    public IDictionary<string, ResourceQuantity>? Limits { get; set; }

    [Description("Counters by name.")]
    public Dictionary<string, long>? Counters { get; set; }

    [DefaultValue("{}")]
    [Description("Nested settings.")]
    public WidgetPart? Part { get; set; }

    [ListMapKeys("name")]
    [Description("Named parts.")]
    public List<WidgetNamedPart>? Parts { get; set; }

    [Description("When it was made.")]
    public DateTime? MadeAt { get; set; }

    [PreserveUnknownFields]
    [Description("Free-form extras.")]
    public WidgetExtras? Extras { get; set; }

    [ValidationRule("self == oldSelf", Message = "serial is immutable")]
    [Description("Serial number.")]
    public string? Serial { get; set; }

    [Ignore]
    public string? Hidden { get; set; }

    [JsonIgnore]
    public string? AlsoHidden { get; set; }
}
