using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SnapshotHa.Repository.Storage;

/// <summary>
/// The SHA-256 of an object's uncompressed content: the name of a chunk or index page in the store.
/// The all-zero value is reserved: it stands for an elided all-zero chunk or page.
/// </summary>
public readonly record struct ContentHash(ulong A, ulong B, ulong C, ulong D) : IComparable<ContentHash>
{
    /// <summary>The number of bytes of a hash.</summary>
    public const int Size = 32;

    /// <summary>Gets the reserved hash of an elided all-zero chunk or page.</summary>
    public static ContentHash Zero => default;

    /// <summary>Gets whether this is the reserved all-zero reference.</summary>
    public bool IsZero => A == 0 && B == 0 && C == 0 && D == 0;

    /// <summary>Hashes <paramref name="content"/> with SHA-256.</summary>
    public static ContentHash Compute(ReadOnlySpan<byte> content)
    {
        Span<byte> digest = stackalloc byte[Size];
        SHA256.HashData(content, digest);
        return Read(digest);
    }

    /// <summary>Reads a hash from its 32 raw bytes.</summary>
    public static ContentHash Read(ReadOnlySpan<byte> bytes) => new(
        BinaryPrimitives.ReadUInt64BigEndian(bytes),
        BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));

    /// <summary>Writes the 32 raw bytes of the hash.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, A);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], B);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], C);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], D);
    }

    /// <summary>Parses 64 lowercase or uppercase hex digits.</summary>
    /// <exception cref="FormatException"><paramref name="hex"/> is not 64 hex digits.</exception>
    public static ContentHash Parse(string hex) =>
        TryParse(hex, out var hash) ? hash : throw new FormatException($"'{hex}' is not a 64-digit hex SHA-256.");

    /// <summary>Parses 64 hex digits; returns false for anything else.</summary>
    public static bool TryParse(string? hex, out ContentHash hash)
    {
        hash = default;
        if (hex is null || hex.Length != Size * 2 || !hex.AsSpan().ContainsOnlyHex())
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Size];
        Convert.FromHexString(hex, bytes, out _, out _);
        hash = Read(bytes);
        return true;
    }

    /// <summary>Gets the first byte of the hash (the fan-out bucket of pack indexes and object directories).</summary>
    public int FirstByte() => (int)(A >> 56);

    /// <summary>Orders hashes as their raw bytes (big-endian), the order of pack indexes.</summary>
    public int CompareTo(ContentHash other)
    {
        var order = A.CompareTo(other.A);
        if (order == 0)
        {
            order = B.CompareTo(other.B);
        }

        if (order == 0)
        {
            order = C.CompareTo(other.C);
        }

        return order != 0 ? order : D.CompareTo(other.D);
    }

    /// <summary>Orders hashes as their raw bytes.</summary>
    public static bool operator <(ContentHash left, ContentHash right) => left.CompareTo(right) < 0;

    /// <summary>Orders hashes as their raw bytes.</summary>
    public static bool operator >(ContentHash left, ContentHash right) => left.CompareTo(right) > 0;

    /// <summary>Orders hashes as their raw bytes.</summary>
    public static bool operator <=(ContentHash left, ContentHash right) => left.CompareTo(right) <= 0;

    /// <summary>Orders hashes as their raw bytes.</summary>
    public static bool operator >=(ContentHash left, ContentHash right) => left.CompareTo(right) >= 0;

    /// <summary>Formats the hash as 64 lowercase hex digits.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        Write(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
