using System.Net;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace SnapshotHa.Repository.Sync;

/// <summary>
/// A secondary repository in an S3-compatible bucket under a prefix. Uploads are sent without aws-chunked encoding
/// (servers such as s3rver would store the chunk framing) and checked against the server's MD5 ETag.
/// </summary>
public sealed class S3SyncTarget : ISyncTarget
{
    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly string _prefix;

    /// <summary>Creates a target for <c>s3://bucket/prefix</c> with an explicit client.</summary>
    public S3SyncTarget(AmazonS3Client client, string bucket, string prefix)
    {
        _client = client;
        _bucket = bucket;
        _prefix = prefix.Trim('/') is { Length: > 0 } trimmed ? trimmed + "/" : string.Empty;
        Name = $"s3://{bucket}/{_prefix}";
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>
    /// Creates a target for <paramref name="url"/> (<c>s3://bucket/prefix</c>) with the endpoint and keys from the
    /// environment: AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, optional AWS_REGION.
    /// </summary>
    /// <exception cref="FormatException">The URL is not <c>s3://bucket[/prefix]</c>.</exception>
    public static S3SyncTarget FromEnvironment(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.StartsWith("s3://", StringComparison.Ordinal) || url.Length <= 5)
        {
            throw new FormatException($"'{url}' is not an s3://bucket/prefix URL.");
        }

        var path = url[5..];
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? path : path[..slash];
        var prefix = slash < 0 ? string.Empty : path[(slash + 1)..];
        var accessKey = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID");
        var secretKey = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY");
        return Create(
            NonEmpty(Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL")),
            NonEmpty(Environment.GetEnvironmentVariable("AWS_REGION")),
            forcePathStyle: true,
            accessKey is { Length: > 0 } && secretKey is { Length: > 0 } ? new BasicAWSCredentials(accessKey, secretKey) : null,
            bucket,
            prefix);
    }

    /// <summary>Creates a target for a bucket of an S3-compatible service.</summary>
    /// <param name="serviceUrl">The service URL, e.g. http://minio:9000; null for AWS.</param>
    /// <param name="region">The region; null for us-east-1.</param>
    /// <param name="forcePathStyle">Address the bucket as serviceUrl/bucket (MinIO, Ceph, s3rver).</param>
    /// <param name="credentials">The keys; null for the SDK's default chain.</param>
    /// <param name="bucket">The bucket.</param>
    /// <param name="prefix">The key prefix ('' for the bucket's root).</param>
    /// <returns>The target; the caller disposes it.</returns>
    public static S3SyncTarget Create(string? serviceUrl, string? region, bool forcePathStyle, AWSCredentials? credentials, string bucket, string prefix)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = forcePathStyle,
            AuthenticationRegion = region ?? "us-east-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (serviceUrl is not null)
        {
            config.ServiceURL = serviceUrl;
        }

        var client = credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
        return new S3SyncTarget(client, bucket, prefix);
    }

    /// <inheritdoc />
    public async Task<IReadOnlySet<string>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = _prefix + prefix };
        while (true)
        {
            var response = await _client.ListObjectsV2Async(request, cancellationToken);
            foreach (var entry in response.S3Objects ?? [])
            {
                keys.Add(entry.Key[_prefix.Length..]);
            }

            if (response.IsTruncated != true)
            {
                return keys;
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
    }

    /// <inheritdoc />
    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(content.ToArray(), writable: false);
        var response = await _client.PutObjectAsync(
            new PutObjectRequest { BucketName = _bucket, Key = _prefix + key, InputStream = body, UseChunkEncoding = false, AutoCloseStream = false },
            cancellationToken);
#pragma warning disable CA5351 // MD5 is what S3 reports as the ETag of a single-part upload; it checks transport, not security.
        var expected = Convert.ToHexStringLower(MD5.HashData(content.Span));
#pragma warning restore CA5351
        var etag = response.ETag?.Trim('"');
        if (response.HttpStatusCode != HttpStatusCode.OK || !string.Equals(etag, expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new IOException($"{Name}{key}: the server stored ETag '{etag}', expected MD5 {expected}; the object did not arrive intact.");
        }
    }

    /// <inheritdoc />
    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _client.GetObjectAsync(_bucket, _prefix + key, cancellationToken);
            using var body = new MemoryStream();
            await response.ResponseStream.CopyToAsync(body, cancellationToken);
            return body.ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
