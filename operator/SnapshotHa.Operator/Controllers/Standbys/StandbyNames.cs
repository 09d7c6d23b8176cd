using System.Globalization;
using SnapshotHa.Api.Protection;

namespace SnapshotHa.Operator.Controllers.Standbys;

/// <summary>Deterministic standby names: VM <c>&lt;protectedvm&gt;-standby-&lt;n&gt;</c> in datastore folder <c>snapshotha-&lt;that&gt;</c>.</summary>
public static class StandbyNames
{
    /// <summary>The name of the standby VM number <paramref name="index"/>.</summary>
    /// <param name="pvm">The ProtectedVM.</param>
    /// <param name="index">0 to count-1.</param>
    /// <returns>The VM name.</returns>
    public static string Vm(ProtectedVM pvm, int index)
    {
        ArgumentNullException.ThrowIfNull(pvm);
        var name = pvm.Metadata.Name;
        var suffix = string.Create(CultureInfo.InvariantCulture, $"-standby-{index}");
        return (name.Length + suffix.Length > 70 ? name[..(70 - suffix.Length)] : name) + suffix;
    }

    /// <summary>The datastore folder of a standby VM.</summary>
    /// <param name="vmName">The standby VM name.</param>
    /// <param name="generation">How many failovers moved the VM so far (an activated standby keeps its folder, so the next one needs another).</param>
    /// <returns>The folder.</returns>
    public static string Folder(string vmName, int generation) => string.Create(CultureInfo.InvariantCulture, $"snapshotha-{vmName}-g{generation}");

    /// <summary>The name of the snapshot a refresh takes on a standby.</summary>
    public const string RefreshSnapshot = "snapshotha-standby-refresh";
}
