using System.Security.Cryptography;
using System.Text;

namespace SnapshotHa.Operator.Merging;

/// <summary>
/// Names and label values of merge Jobs: DNS-1123 labels of at most 63 characters, derived deterministically from
/// the RecoveryImage name, so a restarted operator finds the Job it created before.
/// </summary>
public static class MergeJobNames
{
    /// <summary>The longest Job name and label value Kubernetes accepts.</summary>
    public const int MaxLength = 63;

    /// <summary>The label naming the ProtectedVM.</summary>
    public const string ProtectedVmLabel = "snapshotha.io/protectedvm";

    /// <summary>The label naming the RecoveryImage.</summary>
    public const string ImageLabel = "snapshotha.io/image";

    private const string Suffix = "-merge";
    private const int HashLength = 10;

    /// <summary>
    /// Returns the Job name of <paramref name="imageName"/>: <c>&lt;image&gt;-merge</c>, dots replaced by dashes; when
    /// longer than 63 characters, the front of it plus <c>-</c> and 10 hex digits of the image name's SHA-256.
    /// </summary>
    /// <param name="imageName">The RecoveryImage name (a DNS-1123 subdomain).</param>
    /// <returns>The Job name.</returns>
    public static string For(string imageName)
    {
        ArgumentException.ThrowIfNullOrEmpty(imageName);
        return Fit(imageName.Replace('.', '-') + Suffix, imageName);
    }

    /// <summary>Returns <paramref name="name"/> as a label value: unchanged when it fits, otherwise shortened with a hash suffix.</summary>
    /// <param name="name">An object name.</param>
    /// <returns>The label value.</returns>
    public static string LabelValue(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Fit(name, name);
    }

    private static string Fit(string candidate, string hashed)
    {
        if (candidate.Length <= MaxLength)
        {
            return candidate;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(hashed)))[..HashLength];
        var front = candidate[..(MaxLength - HashLength - 1)].TrimEnd('-', '.');
        return $"{front}-{hash}";
    }
}
