using System.Text;
using SnapshotHa.Api.Failovers;
using SnapshotHa.Api.Protection;

namespace SnapshotHa.Operator.Controllers.Failovers;

/// <summary>
/// Deterministic names: an automatic failover is <c>&lt;protectedvm&gt;-&lt;failed vm moref&gt;</c> (each VM instance
/// fails over at most once; after the failover the recovered VM has a new moref), and the recovered VM's files live
/// in the datastore folder <c>snapshotha-&lt;failover&gt;</c>, so a restarted operator finds what it made.
/// </summary>
public static class FailoverNames
{
    /// <summary>The label that names the ProtectedVM on its Failovers.</summary>
    public const string ProtectedVmLabel = "snapshotha.io/protectedvm";

    /// <summary>The advanced setting that marks VMs created by a failover, with the Failover's namespace/name.</summary>
    public const string CreatedByKey = "snapshotha.failover";

    /// <summary>The name of the automatic failover of <paramref name="pvm"/> away from VM <paramref name="failedMoref"/>.</summary>
    public static string Automatic(ProtectedVM pvm, string failedMoref)
    {
        ArgumentNullException.ThrowIfNull(pvm);
        var suffix = "-" + Sanitize(failedMoref);
        var name = pvm.Metadata.Name;
        return (name.Length + suffix.Length > 253 ? name[..(253 - suffix.Length)] : name) + suffix;
    }

    /// <summary>The datastore folder of the VM a failover brings up.</summary>
    public static string Folder(Failover failover)
    {
        ArgumentNullException.ThrowIfNull(failover);
        var name = "snapshotha-" + failover.Metadata.Name;
        return name.Length > 200 ? name[..200] : name;
    }

    private static string Sanitize(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value.ToLowerInvariant())
        {
            text.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        return text.ToString().Trim('-');
    }
}
