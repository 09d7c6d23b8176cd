namespace SnapshotHa.Api.Common;

/// <summary>The keys SnapshotHA reads from the Secrets its resources reference.</summary>
public static class SecretKeys
{
    /// <summary>VSphereEndpoint credentials: the vSphere user name.</summary>
    public const string Username = "username";

    /// <summary>VSphereEndpoint credentials: the password.</summary>
    public const string Password = "password";

    /// <summary>S3 secondary repository: the access key id.</summary>
    public const string AccessKeyId = "accessKeyId";

    /// <summary>S3 secondary repository: the secret access key.</summary>
    public const string SecretAccessKey = "secretAccessKey";
}
