using System.Xml.Linq;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Properties;

/// <summary>A change of one watched object (<c>ObjectUpdate</c>).</summary>
/// <param name="Kind">Enter, modify or leave.</param>
/// <param name="ManagedObject">The object.</param>
/// <param name="Changes">The changed properties.</param>
/// <param name="MissingSet">Properties that could not be read.</param>
public sealed record ObjectUpdate(
    ObjectUpdateKind Kind,
    ManagedObjectReference ManagedObject,
    IReadOnlyList<PropertyChange> Changes,
    IReadOnlyList<MissingProperty> MissingSet)
{
    /// <summary>
    /// Parses the <c>objectSet</c> entries of a WaitForUpdatesEx answer's filter sets, its version and whether the
    /// server truncated it.
    /// </summary>
    internal static (string? Version, bool Truncated, IReadOnlyList<ObjectUpdate> Updates) ParseUpdateSet(XElement response)
    {
        var returnval = response.Child("returnval");
        if (returnval is null)
        {
            return (null, false, []);
        }

        var updates = new List<ObjectUpdate>();
        foreach (var objectSet in returnval.Children("filterSet").SelectMany(f => f.Children("objectSet")))
        {
            var kind = objectSet.Text("kind") switch
            {
                "enter" => ObjectUpdateKind.Enter,
                "leave" => ObjectUpdateKind.Leave,
                _ => ObjectUpdateKind.Modify,
            };
            var obj = objectSet.Child("obj")?.ToMoref()
                ?? throw new Faults.VimProtocolException("ObjectUpdate has no 'obj'.");
            var changes = objectSet.Children("changeSet")
                .Select(c => new PropertyChange(c.Text("name") ?? "", c.Text("op") ?? "assign", c.Child("val")))
                .ToList();
            updates.Add(new ObjectUpdate(kind, obj, changes, ObjectContent.ParseMissingSet(objectSet, "WaitForUpdatesEx")));
        }

        return (returnval.Text("version"), returnval.Text("truncated") == "true", updates);
    }
}
