using System.Globalization;
using System.Xml.Linq;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.VirtualMachines;

/// <summary>
/// The configuration changes the operator makes (<c>VirtualMachineConfigSpec</c> subset); unset fields are left
/// alone.
/// </summary>
/// <param name="Annotation">New notes text.</param>
/// <param name="NumCpus">New virtual CPU count.</param>
/// <param name="MemoryMB">New memory size in MiB.</param>
/// <param name="ExtraConfig">Advanced settings to set (an empty value removes a key).</param>
/// <param name="ChangeTrackingEnabled">Turn changed block tracking on or off.</param>
/// <param name="Name">New display name.</param>
/// <param name="AddNics">Network adapters to add.</param>
public sealed record VirtualMachineConfigChange(
    string? Annotation = null,
    int? NumCpus = null,
    long? MemoryMB = null,
    IReadOnlyDictionary<string, string>? ExtraConfig = null,
    bool? ChangeTrackingEnabled = null,
    string? Name = null,
    IReadOnlyList<NewVirtualNic>? AddNics = null)
{
    /// <summary>Writes the <c>spec</c> element, fields in schema order.</summary>
    internal XElement ToXml() =>
        VimXml.Element(
            "spec",
            Name is null ? null : VimXml.Element("name", Name),
            Annotation is null ? null : VimXml.Element("annotation", Annotation),
            NumCpus is { } cpus ? VimXml.Element("numCPUs", cpus.ToString(CultureInfo.InvariantCulture)) : null,
            MemoryMB is { } memory ? VimXml.Element("memoryMB", memory.ToString(CultureInfo.InvariantCulture)) : null,
            (AddNics ?? []).Select((n, i) => VimXml.Element("deviceChange", VimXml.Element("operation", "add"), n.ToXml(-300 - i))),
            (ExtraConfig ?? new Dictionary<string, string>()).Select(kv => VimXml.Typed(
                "extraConfig",
                "OptionValue",
                VimXml.Element("key", kv.Key),
                VimXml.Typed("value", "xsd:string", kv.Value))),
            ChangeTrackingEnabled is { } cbt ? VimXml.Element("changeTrackingEnabled", VimXml.Bool(cbt)) : null);
}
