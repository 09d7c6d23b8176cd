using k8s.Models;

namespace SnapshotHa.Sandbox.ApiServer.Resources;

/// <summary>Every resource type the server serves, looked up by group, version and plural name.</summary>
internal sealed class ResourceCatalog
{
    private readonly Dictionary<(string Group, string Version, string Plural), ResourceType> _byPath = [];
    private readonly List<ResourceType> _all = [];

    /// <summary>Creates the catalog of the built-in kinds plus every served version of <paramref name="crds"/>.</summary>
    public ResourceCatalog(IEnumerable<V1CustomResourceDefinition> crds)
    {
        foreach (var type in BuiltInResourceTypes.All().Concat(crds.SelectMany(CustomResourceTypes.From)))
        {
            if (!_byPath.TryAdd((type.Group, type.Version, type.Plural), type))
            {
                throw new ArgumentException($"Resource {type.Plural} in {type.ApiVersion} is defined twice", nameof(crds));
            }

            _all.Add(type);
        }
    }

    /// <summary>All served resource types, built-ins first.</summary>
    public IReadOnlyList<ResourceType> All => _all;

    /// <summary>The resource type at <c>/apis/group/version/plural</c>, or null.</summary>
    public ResourceType? Find(string group, string version, string plural) =>
        _byPath.GetValueOrDefault((group, version, plural));

    /// <summary>The served versions of a group, newest-declared first as the CRD lists them.</summary>
    public IReadOnlyList<string> Versions(string group) =>
        _all.Where(t => t.Group == group).Select(t => t.Version).Distinct().ToArray();

    /// <summary>The non-core groups, in order of first appearance.</summary>
    public IReadOnlyList<string> Groups() =>
        _all.Where(t => t.Group.Length > 0).Select(t => t.Group).Distinct().ToArray();

    /// <summary>The resource types of one group version.</summary>
    public IReadOnlyList<ResourceType> InGroupVersion(string group, string version) =>
        _all.Where(t => t.Group == group && t.Version == version).ToArray();

    /// <summary>Every served version of the resource stored under <paramref name="storageKey"/>.</summary>
    public IEnumerable<ResourceType> ByStorageKey(string storageKey) => _all.Where(t => t.StorageKey == storageKey);
}
