namespace SnapshotHa.Disks.Descriptors;

/// <summary>One extent line of a descriptor: <c>ACCESS SECTORS TYPE "FILENAME" [OFFSET]</c>.</summary>
/// <param name="Access">The access mode.</param>
/// <param name="Sectors">The extent's size in 512-byte sectors.</param>
/// <param name="Type">The extent type.</param>
/// <param name="FileName">The file name relative to the descriptor, or null for <see cref="VmdkExtentType.Zero"/>.</param>
/// <param name="StartSector">The sector offset into the file (<c>FLAT</c> only), else 0.</param>
public sealed record VmdkExtentLine(ExtentAccess Access, long Sectors, VmdkExtentType Type, string? FileName, long StartSector);
