using System.Globalization;
using SnapshotHa.Api.Protection;

namespace SnapshotHa.Operator.Controllers.Protection;

/// <summary>Deterministic RecoveryImage names: <c>&lt;protectedvm&gt;-&lt;sequence&gt;</c>, so a retried cycle finds its image.</summary>
public static class RecoveryImageNames
{
    /// <summary>The label that names the ProtectedVM on its RecoveryImages.</summary>
    public const string ProtectedVmLabel = "snapshotha.io/protectedvm";

    /// <summary>The image name for <paramref name="sequence"/> of <paramref name="pvm"/>.</summary>
    public static string For(ProtectedVM pvm, long sequence)
    {
        ArgumentNullException.ThrowIfNull(pvm);
        var suffix = string.Create(CultureInfo.InvariantCulture, $"-{sequence:D6}");
        var name = pvm.Metadata.Name;
        return (name.Length + suffix.Length > 253 ? name[..(253 - suffix.Length)] : name) + suffix;
    }
}
