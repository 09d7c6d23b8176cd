using System.CommandLine;
using SnapshotHa.Vim;

namespace SnapshotHa.RepositoryCli;

/// <summary>
/// The options of commands that read datastore URLs: credentials from <c>SNAPSHOTHA_VSPHERE_USERNAME</c> /
/// <c>SNAPSHOTHA_VSPHERE_PASSWORD</c> or a mounted Secret directory, and how the server's TLS certificate is checked.
/// </summary>
public sealed class VsphereCliOptions
{
    /// <summary>The environment variable holding the vSphere user name.</summary>
    public const string UsernameVariable = "SNAPSHOTHA_VSPHERE_USERNAME";

    /// <summary>The environment variable holding the vSphere password.</summary>
    public const string PasswordVariable = "SNAPSHOTHA_VSPHERE_PASSWORD";

    /// <summary>The environment variable read when <c>--vsphere-thumbprint</c> is not given.</summary>
    public const string ThumbprintVariable = "SNAPSHOTHA_VSPHERE_THUMBPRINT";

    /// <summary>The environment variable holding PEM CA certificates, read when <c>--vsphere-ca-file</c> is not given.</summary>
    public const string CaBundleVariable = "SNAPSHOTHA_VSPHERE_CA_BUNDLE";

    /// <summary>The environment variable that, set to <c>true</c>, acts as <c>--vsphere-insecure</c>.</summary>
    public const string InsecureVariable = "SNAPSHOTHA_VSPHERE_INSECURE";

    private readonly Option<string?> _credentialsDir = new("--credentials-dir")
    {
        Description = "Directory holding files 'username' and 'password' (a mounted Secret); default: "
            + UsernameVariable + " and " + PasswordVariable,
    };

    private readonly Option<string?> _thumbprint = new("--vsphere-thumbprint")
    {
        Description = "Pinned SHA-256 fingerprint of the vSphere TLS certificate (default: " + ThumbprintVariable + ")",
    };

    private readonly Option<string?> _caFile = new("--vsphere-ca-file")
    {
        Description = "PEM file of the CA the vSphere certificate must chain to (default: the PEM text in " + CaBundleVariable + ")",
    };

    private readonly Option<bool> _insecure = new("--vsphere-insecure")
    {
        Description = "Do not verify the vSphere TLS certificate (dangerous; warned; default: " + InsecureVariable + "=true)",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { _credentialsDir, _thumbprint, _caFile, _insecure })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Builds the connection options for <paramref name="layer"/>'s server.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="layer">The datastore URL.</param>
    /// <returns>The connection options (the password is never printed by them).</returns>
    /// <exception cref="ArgumentException">Credentials are missing, or the TLS options conflict.</exception>
    /// <exception cref="FileNotFoundException">The CA file or a credentials file does not exist.</exception>
    public VimConnectionOptions Build(ParseResult parse, DatastoreLayerUrl layer)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(layer);
        var (username, password) = ReadCredentials(parse.GetValue(_credentialsDir), layer);
        var thumbprint = parse.GetValue(_thumbprint);
        var caFile = parse.GetValue(_caFile);
        var insecure = parse.GetValue(_insecure);
        string? caBundle = null;
        if (thumbprint is null && caFile is null && !insecure)
        {
            // The merge Job passes the endpoint's TLS settings as environment variables.
            thumbprint = NonEmpty(Environment.GetEnvironmentVariable(ThumbprintVariable));
            caBundle = NonEmpty(Environment.GetEnvironmentVariable(CaBundleVariable));
            insecure = string.Equals(Environment.GetEnvironmentVariable(InsecureVariable), "true", StringComparison.OrdinalIgnoreCase);
        }

        if ((thumbprint is null ? 0 : 1) + (caFile is null && caBundle is null ? 0 : 1) + (insecure ? 1 : 0) > 1)
        {
            throw new ArgumentException(
                $"--vsphere-thumbprint, --vsphere-ca-file and --vsphere-insecure (or {ThumbprintVariable}, {CaBundleVariable} and {InsecureVariable}) exclude each other.");
        }

        if (caFile is not null && !File.Exists(caFile))
        {
            throw new FileNotFoundException($"--vsphere-ca-file '{caFile}' does not exist.", caFile);
        }

        var options = new VimConnectionOptions
        {
            Url = new Uri(layer.Server, "/sdk"),
            Username = username,
            Password = password,
            Thumbprint = thumbprint,
            CaBundlePem = caFile is null ? caBundle : File.ReadAllText(caFile),
            InsecureSkipVerify = insecure,
            DatacenterPath = layer.DatacenterPath,
            MaxRetryAttempts = 2,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e) when (e.ParamName == nameof(VimConnectionOptions.Thumbprint))
        {
            throw new ArgumentException($"--vsphere-thumbprint: {e.Message}", e);
        }

        return options;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static (string Username, string Password) ReadCredentials(string? directory, DatastoreLayerUrl layer)
    {
        if (directory is not null)
        {
            return (ReadSecretFile(directory, "username"), ReadSecretFile(directory, "password"));
        }

        var username = Environment.GetEnvironmentVariable(UsernameVariable);
        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(username) || password is null)
        {
            throw new ArgumentException(
                $"Reading {layer} needs vSphere credentials: set {UsernameVariable} and {PasswordVariable}, or pass --credentials-dir.");
        }

        return (username, password);
    }

    private static string ReadSecretFile(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"--credentials-dir '{directory}' has no file '{name}'.", path);
        }

        var value = File.ReadAllText(path).TrimEnd('\r', '\n');
        return value.Length > 0 || name == "password"
            ? value
            : throw new ArgumentException($"--credentials-dir '{directory}': file '{name}' is empty.");
    }
}
