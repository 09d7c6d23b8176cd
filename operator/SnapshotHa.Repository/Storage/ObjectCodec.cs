using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using ZstdSharp;

namespace SnapshotHa.Repository.Storage;

/// <summary>
/// The on-disk form of an object: an 8-byte header (codec byte, three reserved zero bytes, little-endian u32 content
/// length) followed by the raw or zstd-compressed content. The object's name hashes the uncompressed content, so the
/// codec never changes an object's identity.
/// </summary>
internal sealed class ObjectCodec(int compressionLevel) : IDisposable
{
    public const int HeaderSize = 8;
    private const byte Raw = 0;
    private const byte Zstd = 1;
    private const int ProbeLength = 4096;
    private static readonly int ProbeBound = Compressor.GetCompressBound(ProbeLength);

    private readonly ConcurrentBag<Compressor> _compressors = [];
    private readonly ConcurrentBag<Decompressor> _decompressors = [];

    /// <summary>Gets the largest encoded length of <paramref name="contentLength"/> bytes of content.</summary>
    public static int EncodedBound(int contentLength) => HeaderSize + Math.Max(contentLength, Compressor.GetCompressBound(contentLength));

    /// <summary>Writes the header of an object stored raw: its encoded form is this header followed by the content.</summary>
    public static void WriteRawHeader(Span<byte> destination, int contentLength)
    {
        destination[0] = Raw;
        destination[1] = destination[2] = destination[3] = 0;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], (uint)contentLength);
    }

    /// <summary>
    /// Compresses <paramref name="content"/> when that pays: content that <see cref="CompressibilityProbe"/> finds
    /// random-looking is not given to zstd at all; otherwise the first 4 KiB are probed with zstd, and data that does
    /// not shrink there (encrypted, compressed, random) is not compressed either.
    /// </summary>
    /// <returns>
    /// A buffer from <see cref="ArrayPool{T}.Shared"/> holding the encoded object (header and zstd data) in its first
    /// <paramref name="length"/> bytes, to be returned by the caller; null when the object is to be stored raw.
    /// </returns>
    public byte[]? TryCompress(ReadOnlySpan<byte> content, out int length)
    {
        length = 0;
        if (compressionLevel <= 0 || CompressibilityProbe.LooksIncompressible(content))
        {
            return null;
        }

        var compressor = _compressors.TryTake(out var c) ? c : new Compressor(compressionLevel);
        byte[]? buffer = null;
        try
        {
            if (content.Length > ProbeLength * 2)
            {
                Span<byte> probe = stackalloc byte[ProbeBound];
                if (compressor.Wrap(content[..ProbeLength], probe) >= ProbeLength * 31 / 32)
                {
                    return null;
                }
            }

            buffer = ArrayPool<byte>.Shared.Rent(EncodedBound(content.Length));
            var written = compressor.Wrap(content, buffer.AsSpan(HeaderSize));
            if (written >= content.Length)
            {
                return null;
            }

            WriteRawHeader(buffer, content.Length);
            buffer[0] = Zstd;
            length = HeaderSize + written;
            var result = buffer;
            buffer = null;
            return result;
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            _compressors.Add(compressor);
        }
    }

    /// <summary>Decodes an encoded object into <paramref name="destination"/>; returns the content length.</summary>
    /// <exception cref="InvalidDataException">The header or the compressed data is malformed.</exception>
    public int Decode(ReadOnlySpan<byte> encoded, Span<byte> destination, string name)
    {
        if (encoded.Length < HeaderSize || encoded[1] != 0 || encoded[2] != 0 || encoded[3] != 0)
        {
            throw new InvalidDataException($"Object '{name}' has a malformed header.");
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(encoded[4..]);
        if (length > (uint)destination.Length)
        {
            throw new InvalidDataException($"Object '{name}' declares {length} bytes, more than the {destination.Length} expected.");
        }

        var payload = encoded[HeaderSize..];
        switch (encoded[0])
        {
            case Raw when payload.Length == length:
                payload.CopyTo(destination);
                return (int)length;
            case Zstd:
                var decompressor = _decompressors.TryTake(out var d) ? d : new Decompressor();
                try
                {
                    if (!decompressor.TryUnwrap(payload, destination[..(int)length], out var written) || written != length)
                    {
                        throw new InvalidDataException($"Object '{name}' does not decompress to its declared {length} bytes.");
                    }

                    return (int)length;
                }
                catch (ZstdException e)
                {
                    throw new InvalidDataException($"Object '{name}' holds corrupt zstd data: {e.Message}", e);
                }
                finally
                {
                    _decompressors.Add(decompressor);
                }

            default:
                throw new InvalidDataException($"Object '{name}' has an unknown codec {encoded[0]} or a wrong length.");
        }
    }

    public void Dispose()
    {
        foreach (var c in _compressors)
        {
            c.Dispose();
        }

        foreach (var d in _decompressors)
        {
            d.Dispose();
        }
    }
}
