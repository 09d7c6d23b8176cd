using System.Collections.Concurrent;
using SnapshotHa.Api.Images;
using SnapshotHa.Operator.SandboxRuntime;

namespace SnapshotHa.Operator.Tests.EndToEnd;

/// <summary>The invariants every end-to-end run ends with.</summary>
public static class ProtectionChecks
{
    /// <summary>Asserts: no failed or duplicate images, and every committed image equals the disk at its snapshot.</summary>
    public static async Task AssertImagesExactAsync(
        SandboxEnvironment environment, DirectoryInfo data, ConcurrentDictionary<string, IReadOnlyDictionary<int, byte[]>> expected)
    {
        var all = await environment.Client.ListAsync<RecoveryImage>("default");
        all.Where(i => i.Status?.Phase == RecoveryImagePhase.Failed).Select(i => i.Metadata.Name).Should().BeEmpty("no image fails for good");
        all.GroupBy(i => (i.Spec.ProtectedVMRef.Name, i.Spec.Sequence)).Should().OnlyContain(g => g.Count() == 1, "one image per sequence");
        var committed = all.Where(i => i.Status?.Phase is RecoveryImagePhase.Committed or RecoveryImagePhase.Superseded).ToList();
        committed.Select(i => i.Status!.ManifestId).Should().OnlyHaveUniqueItems("no image is produced twice");
        var problems = await ImageOracle.CompareAsync(Path.Combine(data.FullName, SandboxResources.RepositoryClaim, "images"), committed, expected);
        problems.Should().BeEmpty();
    }
}
