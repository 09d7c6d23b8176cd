using SnapshotHa.Sandbox.ApiServer.Errors;
using SnapshotHa.Sandbox.ApiServer.Resources;

namespace SnapshotHa.Sandbox.ApiServer.Http;

/// <summary>A request addressed to a resource: collection (no name), object, or object subresource.</summary>
internal sealed record ResourceRequest(ResourceType Type, string? Namespace, string? Name, string? Subresource)
{
    /// <summary>
    /// Parses the segments after <c>/api/v1</c> or <c>/apis/group/version</c>. Throws <see cref="ApiException"/> 404 for
    /// unknown resources and malformed paths.
    /// </summary>
    public static ResourceRequest Parse(ResourceCatalog catalog, string group, string version, IReadOnlyList<string> rest)
    {
        if (rest.Count >= 3 && rest[0] == "namespaces" && catalog.Find(group, version, rest[2]) is { Namespaced: true } namespaced)
        {
            return rest.Count > 5
                ? throw NotFound()
                : new ResourceRequest(namespaced, rest[1], At(rest, 3), At(rest, 4));
        }

        var type = catalog.Find(group, version, rest[0]);
        if (type is null || rest.Count > 3 || (type.Namespaced && rest.Count > 1))
        {
            throw NotFound();
        }

        return new ResourceRequest(type, null, At(rest, 1), At(rest, 2));
    }

    /// <summary>The 404 kube-apiserver answers for paths it does not serve.</summary>
    public static ApiException NotFound() => new(404, "NotFound", "the server could not find the requested resource");

    private static string? At(IReadOnlyList<string> segments, int index) => index < segments.Count ? segments[index] : null;
}
