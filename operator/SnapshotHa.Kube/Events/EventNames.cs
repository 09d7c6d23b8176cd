using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Models;

namespace SnapshotHa.Kube.Events;

/// <summary>Deterministic Event names, so repeats of one event land on the same object.</summary>
public static class EventNames
{
    private const int MaxPrefixLength = 200;

    /// <summary>
    /// Returns <c>&lt;entity name&gt;.&lt;16 hex digits&gt;</c>, the digits hashing the entity's identity, reason,
    /// message and type (SHA-256).
    /// </summary>
    /// <param name="entity">The involved entity.</param>
    /// <param name="reason">The reason.</param>
    /// <param name="message">The message.</param>
    /// <param name="type">The type.</param>
    /// <returns>A valid, deterministic object name.</returns>
    public static string For(IKubernetesObject<V1ObjectMeta> entity, string reason, string message, EventType type)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var identity = string.Join(
            '\n',
            entity.ApiVersion,
            entity.Kind,
            entity.Metadata.NamespaceProperty,
            entity.Metadata.Name,
            entity.Metadata.Uid,
            reason,
            message,
            type.ToString());
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)).AsSpan(0, 8));
        var prefix = entity.Metadata.Name.Length > MaxPrefixLength
            ? entity.Metadata.Name[..MaxPrefixLength]
            : entity.Metadata.Name;
        return $"{prefix}.{hash}";
    }
}
