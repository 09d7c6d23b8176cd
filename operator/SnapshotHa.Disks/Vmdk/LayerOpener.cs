using System.Text;
using SnapshotHa.Disks.Descriptors;
using SnapshotHa.Disks.Extents;
using SnapshotHa.Disks.Sources;

namespace SnapshotHa.Disks.Vmdk;

/// <summary>Recognizes a VMDK file (text descriptor or sparse magic) and opens the extents of its layer.</summary>
internal static class LayerOpener
{
    /// <summary>Opens the layer <paramref name="fileName"/>; <paramref name="referrer"/> names the child that points at it, for errors.</summary>
    public static async Task<VmdkLayer> OpenAsync(IExtentResolver resolver, string fileName, string? referrer, CancellationToken cancellationToken)
    {
        var sources = new Dictionary<string, IRandomAccessSource>(StringComparer.Ordinal);
        try
        {
            var source = await OpenSourceAsync(resolver, referrer ?? fileName, fileName, sources, cancellationToken);
            var head = new byte[Math.Min(source.Length, 512)];
            await source.ReadExactlyAsync(0, head, "file header", cancellationToken);
            if (HostedSparseHeader.HasMagic(head))
            {
                var extent = await HostedSparseExtent.OpenAsync(source, null, cancellationToken);
                var embedded = await ReadEmbeddedDescriptorAsync(source, extent.Header, cancellationToken);
                return extent.Length == 0 && embedded is not null
                    ? await OpenDescribedAsync(resolver, fileName, embedded, sources, cancellationToken)
                    : new VmdkLayer(fileName, embedded, [extent], [.. sources.Values]);
            }

            if (CowdExtent.HasMagic(head))
            {
                return new VmdkLayer(fileName, null, [await CowdExtent.OpenAsync(source, null, cancellationToken)], [.. sources.Values]);
            }

            if (SeSparseHeader.HasMagic(head))
            {
                return new VmdkLayer(fileName, null, [await SeSparseExtent.OpenAsync(source, null, cancellationToken)], [.. sources.Values]);
            }

            var descriptor = await ReadDescriptorAsync(source, cancellationToken);
            sources.Remove(fileName);
            await source.DisposeAsync();
            return await OpenDescribedAsync(resolver, fileName, descriptor, sources, cancellationToken);
        }
        catch
        {
            foreach (var opened in sources.Values)
            {
                await opened.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Opens the extents a descriptor names (a descriptor file, or the embedded descriptor of a zero-capacity sparse file).</summary>
    private static async Task<VmdkLayer> OpenDescribedAsync(
        IExtentResolver resolver, string fileName, VmdkDescriptor descriptor, Dictionary<string, IRandomAccessSource> sources, CancellationToken cancellationToken)
    {
        var extents = new IVmdkExtent[descriptor.Extents.Count];
        for (var index = 0; index < extents.Length; index++)
        {
            extents[index] = await OpenExtentAsync(resolver, fileName, descriptor.Extents[index], sources, cancellationToken);
        }

        return new VmdkLayer(fileName, descriptor, extents, [.. sources.Values]);
    }

    /// <summary>Opens <paramref name="name"/> once per layer; an escaping name becomes an <see cref="InvalidDataException"/>.</summary>
    internal static async ValueTask<IRandomAccessSource> OpenSourceAsync(
        IExtentResolver resolver, string referrer, string name, Dictionary<string, IRandomAccessSource> sources, CancellationToken cancellationToken)
    {
        if (sources.TryGetValue(name, out var existing))
        {
            return existing;
        }

        IRandomAccessSource source;
        try
        {
            source = await resolver.OpenAsync(name, cancellationToken);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new InvalidDataException($"{referrer}: refused to open '{name}': {exception.Message}", exception);
        }

        sources[name] = source;
        return source;
    }

    private static async ValueTask<IVmdkExtent> OpenExtentAsync(
        IExtentResolver resolver, string descriptorName, VmdkExtentLine line, Dictionary<string, IRandomAccessSource> sources, CancellationToken cancellationToken)
    {
        var length = line.Sectors * 512;
        if (line.Access == ExtentAccess.NoAccess)
        {
            throw new InvalidDataException($"{descriptorName}: NOACCESS extent '{line.FileName}' cannot be read");
        }

        switch (line.Type)
        {
            case VmdkExtentType.Zero:
                return new ZeroExtent(length);
            case VmdkExtentType.VmfsRdm or VmdkExtentType.VmfsRaw:
                throw new InvalidDataException($"{descriptorName}: extent type {line.Type.ToString().ToUpperInvariant()} (raw device) is not supported");
        }

        var source = await OpenSourceAsync(resolver, descriptorName, line.FileName!, sources, cancellationToken);
        return line.Type switch
        {
            VmdkExtentType.Flat or VmdkExtentType.Vmfs => new FlatExtent(source, line.StartSector * 512, length),
            VmdkExtentType.Sparse => await HostedSparseExtent.OpenAsync(source, length, cancellationToken),
            VmdkExtentType.VmfsSparse => await CowdExtent.OpenAsync(source, length, cancellationToken),
            VmdkExtentType.SeSparse => await SeSparseExtent.OpenAsync(source, length, cancellationToken),
            _ => throw new InvalidDataException($"{descriptorName}: extent type {line.Type} is not supported"),
        };
    }

    private static async ValueTask<VmdkDescriptor> ReadDescriptorAsync(IRandomAccessSource source, CancellationToken cancellationToken)
    {
        if (source.Length > VmdkDescriptor.MaxTextLength)
        {
            throw new InvalidDataException($"{source.Name}: not a VMDK: no sparse magic, and {source.Length} bytes is too large for a descriptor");
        }

        var bytes = await source.ReadRegionAsync(0, source.Length, VmdkDescriptor.MaxTextLength, "descriptor", cancellationToken);
        return ParseText(bytes, source.Name);
    }

    private static async ValueTask<VmdkDescriptor?> ReadEmbeddedDescriptorAsync(IRandomAccessSource source, HostedSparseHeader header, CancellationToken cancellationToken)
    {
        if (header.DescriptorOffset == 0 || header.DescriptorSize == 0)
        {
            return null;
        }

        if (header.DescriptorSize > VmdkDescriptor.MaxTextLength / 512 || header.DescriptorOffset > source.Length / 512)
        {
            throw new InvalidDataException($"{source.Name}: embedded descriptor ({header.DescriptorSize} sectors at sector {header.DescriptorOffset}) is out of range");
        }

        var bytes = await source.ReadRegionAsync(header.DescriptorOffset * 512, header.DescriptorSize * 512, VmdkDescriptor.MaxTextLength, "embedded descriptor", cancellationToken);
        return ParseText(bytes, source.Name + " (embedded descriptor)");
    }

    /// <summary>Parses descriptor bytes as UTF-8, then again in the descriptor's declared <c>encoding</c> if it names another one.</summary>
    private static VmdkDescriptor ParseText(byte[] bytes, string name)
    {
        var length = Array.IndexOf(bytes, (byte)0);
        length = length < 0 ? bytes.Length : length;
        var text = Encoding.UTF8.GetString(bytes, 0, length);
        if (!text.TrimStart().StartsWith('#') && !text.Contains('=', StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{name}: not a VMDK: neither a sparse magic nor a text descriptor");
        }

        var descriptor = VmdkDescriptor.Parse(text, name);
        var declared = descriptor.OtherEntries.FirstOrDefault(e => e.Key.Equals("encoding", StringComparison.OrdinalIgnoreCase)).Value;
        var encoding = DeclaredEncoding(declared);
        return encoding is null ? descriptor : VmdkDescriptor.Parse(encoding.GetString(bytes, 0, length), name);
    }

    /// <summary>Returns the encoding a descriptor declares when it is a known one other than UTF-8.</summary>
    private static Encoding? DeclaredEncoding(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Replace("-", "", StringComparison.Ordinal).Equals("UTF8", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(name) ?? Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
