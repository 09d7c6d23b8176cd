using k8s.Models;
using SnapshotHa.Kube.Crds;

namespace SnapshotHa.Kube.Tests.Crds;

/// <summary>Variants of the generated test CRD for validator tests.</summary>
internal static class CrdGeneratorTestsAccess
{
    /// <summary>The Widget CRD with a maxLength on spec.period.</summary>
    public static V1CustomResourceDefinition WidgetCrdWithMaxLength(int maxLength)
    {
        var crd = CrdGenerator.Generate(typeof(Widget));
        crd.Spec.Versions[0].Schema.OpenAPIV3Schema.Properties["spec"].Properties["period"].MaxLength = maxLength;
        return crd;
    }
}
