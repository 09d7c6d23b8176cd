namespace SnapshotHa.Kube.LeaderElection;

/// <summary>Finds the namespace the operator runs in (KubeOps' <c>GetCurrentNamespace</c> order).</summary>
public static class PodNamespace
{
    private const string ServiceAccountNamespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

    /// <summary>
    /// Returns POD_NAMESPACE, else the service account's namespace file, else <c>default</c>.
    /// </summary>
    /// <returns>The namespace.</returns>
    public static string Get()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("POD_NAMESPACE");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment.Trim();
        }

        return File.Exists(ServiceAccountNamespaceFile)
            ? File.ReadAllText(ServiceAccountNamespaceFile).Trim()
            : "default";
    }
}
