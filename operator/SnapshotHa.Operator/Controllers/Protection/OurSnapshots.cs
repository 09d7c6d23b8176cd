using System.Globalization;
using SnapshotHa.Api.Protection;
using SnapshotHa.Vim.Snapshots;

namespace SnapshotHa.Operator.Controllers.Protection;

/// <summary>
/// How SnapshotHA names and recognises its own snapshots: the name <c>snapshotha-&lt;uid8&gt;-&lt;sequence&gt;</c>
/// and a description carrying the ProtectedVM and the cycle id. Anything else on the VM belongs to someone else.
/// </summary>
public static class OurSnapshots
{
    /// <summary>The prefix of every snapshot SnapshotHA creates.</summary>
    public const string Prefix = "snapshotha-";

    /// <summary>The snapshot name of image <paramref name="sequence"/> of <paramref name="pvm"/>.</summary>
    public static string Name(ProtectedVM pvm, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{NamePrefix(pvm)}{sequence:D6}");

    /// <summary>The cycle id of image <paramref name="sequence"/> of <paramref name="pvm"/>.</summary>
    public static string CycleId(ProtectedVM pvm, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{Uid8(pvm)}-{sequence:D6}");

    /// <summary>The description of our snapshot for image <paramref name="sequence"/>.</summary>
    public static string Description(ProtectedVM pvm, long sequence) =>
        $"{Marker(pvm)} cycle={CycleId(pvm, sequence)}. Created by SnapshotHA; removed by it once a newer image is committed.";

    /// <summary>True when <paramref name="snapshot"/> is one of ours for <paramref name="pvm"/>.</summary>
    public static bool IsOurs(SnapshotTree snapshot, ProtectedVM pvm)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Name.StartsWith(NamePrefix(pvm), StringComparison.Ordinal)
            && snapshot.Description.Contains(Marker(pvm), StringComparison.Ordinal)
            && SequenceOf(snapshot) is not null;
    }

    /// <summary>Our snapshots of <paramref name="pvm"/> in a VM's snapshot tree, oldest sequence first.</summary>
    public static IReadOnlyList<SnapshotTree> In(VirtualMachineSnapshotInfo tree, ProtectedVM pvm)
    {
        ArgumentNullException.ThrowIfNull(tree);
        return [.. tree.All.Where(s => IsOurs(s, pvm)).OrderBy(s => SequenceOf(s))];
    }

    /// <summary>The image sequence encoded in one of our snapshot names, or null.</summary>
    public static long? SequenceOf(SnapshotTree snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var dash = snapshot.Name.LastIndexOf('-');
        return dash > 0 && long.TryParse(snapshot.Name.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static string NamePrefix(ProtectedVM pvm) => $"{Prefix}{Uid8(pvm)}-";

    private static string Marker(ProtectedVM pvm) =>
        $"snapshotha.io/protectedvm={pvm.Metadata.NamespaceProperty}/{pvm.Metadata.Name} uid={pvm.Metadata.Uid}";

    private static string Uid8(ProtectedVM pvm)
    {
        var uid = (pvm.Metadata.Uid ?? "").Replace("-", "", StringComparison.Ordinal);
        return uid.Length >= 8 ? uid[..8] : uid.PadRight(8, '0');
    }
}
