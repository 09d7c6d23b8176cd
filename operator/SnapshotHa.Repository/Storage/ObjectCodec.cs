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

    private readonly ConcurrentBag<Compressor> _compressors = [];
    private readonly ConcurrentBag<Decompressor> _decompressors = [];

    /// <summary>Gets the buffer size <see cref="Encode"/> needs for <paramref name="contentLength"/> bytes.</summary>
    public static int EncodedBound(int contentLength) => HeaderSize + Math.Max(contentLength, Compressor.GetCompressBound(contentLength));

    /// <summary>Encodes <paramref name="content"/> into <paramref name="destination"/>; returns the encoded length.</summary>
    public int Encode(ReadOnlySpan<byte> content, Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], (uint)content.Length);
        destination[1] = destination[2] = destination[3] = 0;
        if (compressionLevel > 0)
        {
            var compressor = _compressors.TryTake(out var c) ? c : new Compressor(compressionLevel);
            try
            {
                // Probe the first 4 KiB: data that does not shrink there (encrypted, compressed, random) is stored raw
                // without paying for compressing the whole object.
                var worthIt = content.Length <= ProbeLength * 2 ||
                              compressor.Wrap(content[..ProbeLength], destination[HeaderSize..]) < ProbeLength * 31 / 32;
                var written = worthIt ? compressor.Wrap(content, destination[HeaderSize..]) : int.MaxValue;
                if (written < content.Length)
                {
                    destination[0] = Zstd;
                    return HeaderSize + written;
                }
            }
            finally
            {
                _compressors.Add(compressor);
            }
        }

        destination[0] = Raw;
        content.CopyTo(destination[HeaderSize..]);
        return HeaderSize + content.Length;
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
