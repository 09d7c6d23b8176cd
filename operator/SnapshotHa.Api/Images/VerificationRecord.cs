using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Api.Images;

/// <summary>The result of verifying an image.</summary>
[Description("The result of verifying an image's chunks.")]
public sealed record VerificationRecord
{
    /// <summary>When it ran.</summary>
    [Required]
    [Description("When the verification finished.")]
    public DateTime Time { get; set; }

    /// <summary>Whether every chunk matched.</summary>
    [Required]
    [Description("True when every referenced chunk was present and matched its hash.")]
    public bool Passed { get; set; }

    /// <summary>The number of chunks checked.</summary>
    [RangeMinimum(0)]
    [Description("Number of chunks read and re-hashed.")]
    public long? ChunksChecked { get; set; }

    /// <summary>Details of a failure.</summary>
    [Length(MaxLength = 4096)]
    [Description("Details of a failure: the first missing or corrupt chunks.")]
    public string? Message { get; set; }
}
