using k8s;
using k8s.Models;

namespace SnapshotHa.Sandbox.Tests.Support;

/// <summary>Typed calls on the Widget test resource through the real KubernetesClient.</summary>
public sealed class WidgetApi(IKubernetes client, string ns = "default")
{
    public Task<Widget> CreateAsync(Widget widget) =>
        client.CustomObjects.CreateNamespacedCustomObjectAsync<Widget>(widget, TestCrds.Group, TestCrds.Version, ns, TestCrds.Plural);

    public Task<Widget> GetAsync(string name) =>
        client.CustomObjects.GetNamespacedCustomObjectAsync<Widget>(TestCrds.Group, TestCrds.Version, ns, TestCrds.Plural, name);

    public Task<Widget> ReplaceAsync(Widget widget) =>
        client.CustomObjects.ReplaceNamespacedCustomObjectAsync<Widget>(widget, TestCrds.Group, TestCrds.Version, ns, TestCrds.Plural, widget.Metadata.Name);

    public Task<Widget> ReplaceStatusAsync(Widget widget) =>
        client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync<Widget>(widget, TestCrds.Group, TestCrds.Version, ns, TestCrds.Plural, widget.Metadata.Name);

    public Task<Widget> PatchAsync(string name, object patch, V1Patch.PatchType type = V1Patch.PatchType.MergePatch) =>
        client.CustomObjects.PatchNamespacedCustomObjectAsync<Widget>(new V1Patch(patch, type), TestCrds.Group, TestCrds.Version, ns, TestCrds.Plural, name);

    public Task<Widget> DeleteAsync(string name) =>
        client.CustomObjects.DeleteNamespacedCustomObjectAsync<Widget>(TestCrds.Group, TestCrds.Version, ns, TestCrds.Plural, name);

    public async Task<IReadOnlyList<Widget>> ListAsync(string? labelSelector = null)
    {
        var list = await client.CustomObjects.ListNamespacedCustomObjectAsync<CustomList>(TestCrds.Group, TestCrds.Version, ns, TestCrds.Plural, labelSelector: labelSelector);
        return list.Items;
    }

    public sealed class CustomList
    {
        [System.Text.Json.Serialization.JsonPropertyName("metadata")]
        public V1ListMeta Metadata { get; set; } = new();

        [System.Text.Json.Serialization.JsonPropertyName("items")]
        public List<Widget> Items { get; set; } = [];
    }
}
