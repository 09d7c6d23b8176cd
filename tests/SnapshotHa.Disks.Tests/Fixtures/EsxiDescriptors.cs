using SnapshotHa.Disks.Descriptors;

namespace SnapshotHa.Disks.Tests.Fixtures;

/// <summary>ESXi-style descriptors: a vmfs base and vmfsSparse / seSparse deltas, built with <see cref="VmdkDescriptor"/>.</summary>
internal static class EsxiDescriptors
{
    public const uint BaseCid = 0xc3d4fd75;

    public static string Base(long sectors, string flatName) => new VmdkDescriptor(
        1, BaseCid, VmdkDescriptor.NoParent, "vmfs", null,
        [new VmdkExtentLine(ExtentAccess.ReadWrite, sectors, VmdkExtentType.Vmfs, flatName, 0)],
        [new("ddb.adapterType", "lsilogic"), new("ddb.virtualHWVersion", "13")],
        [new("encoding", "UTF-8"), new("isNativeSnapshot", "no")]).ToText();

    public static string Delta(long sectors, string createType, VmdkExtentType type, string extentName, string parentName, uint parentCid = BaseCid) =>
        new VmdkDescriptor(
            1, 0x9ab16ab9, parentCid, createType, parentName,
            [new VmdkExtentLine(ExtentAccess.ReadWrite, sectors, type, extentName, 0)],
            [new("ddb.longContentID", "e6d6c9b8c7164488a10a36b39ab16ab9")],
            [new("encoding", "UTF-8"), new("isNativeSnapshot", "no")]).ToText();
}
