namespace SnapshotHa.Vim;

/// <summary>
/// A reference to a server-side managed object, e.g. <c>VirtualMachine:vm-9</c>. Values are opaque: compare them,
/// never parse them.
/// </summary>
/// <param name="Type">The managed object type, e.g. <c>VirtualMachine</c>, <c>HostSystem</c>, <c>Task</c>.</param>
/// <param name="Value">The server's identifier, e.g. <c>vm-9</c>.</param>
public sealed record ManagedObjectReference(string Type, string Value)
{
    /// <summary>Returns <c>Type:Value</c>, the form vSphere uses in messages.</summary>
    public override string ToString() => $"{Type}:{Value}";

    /// <summary>Parses the <c>Type:Value</c> form <see cref="ToString"/> writes.</summary>
    /// <exception cref="FormatException">The text has no <c>:</c> separator or an empty part.</exception>
    public static ManagedObjectReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            throw new FormatException($"Managed object reference '{text}' is not of the form Type:Value.");
        }

        return new ManagedObjectReference(text[..colon], text[(colon + 1)..]);
    }
}
