namespace SnapshotHa.Sandbox.ApiServer;

/// <summary>The kubeconfig text for a sandbox API server.</summary>
internal static class Kubeconfig
{
    /// <summary>
    /// A kubeconfig with cluster, user and context <c>snapshotha-sandbox</c> at <paramref name="server"/>. The user has a
    /// placeholder token because KubernetesClient refuses users without credentials; the server checks none.
    /// </summary>
    public static string For(Uri server) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: snapshotha-sandbox
          cluster:
            server: {server.ToString().TrimEnd('/')}
        users:
        - name: snapshotha-sandbox
          user:
            token: snapshotha-sandbox-unchecked
        contexts:
        - name: snapshotha-sandbox
          context:
            cluster: snapshotha-sandbox
            user: snapshotha-sandbox
            namespace: default
        current-context: snapshotha-sandbox
        preferences: {"{}"}

        """;
}
