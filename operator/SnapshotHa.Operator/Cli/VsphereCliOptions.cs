using System.CommandLine;
using SnapshotHa.Vim;

namespace SnapshotHa.Operator.Cli;

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

    private readonly Option<string?> _credentialsDir = new("--credentials-dir")
    {
        Description = "Directory holding files 'username' and 'password' (a mounted Secret); default: "
            + UsernameVariable + " and " + PasswordVariable,
    };

    private readonly Option<string?> _thumbprint = new("--vsphere-thumbprint") { Description = "Pinned SHA-256 fingerprint of the vSphere TLS certificate" };
    private readonly Option<string?> _caFile = new("--vsphere-ca-file") { Description = "PEM file of the CA the vSphere certificate must chain to" };
    private readonly Option<bool> _insecure = new("--vsphere-insecure") { Description = "Do not verify the vSphere TLS certificate (dangerous; warned)" };

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
        if ((thumbprint is null ? 0 : 1) + (caFile is null ? 0 : 1) + (insecure ? 1 : 0) > 1)
        {
            throw new ArgumentException("--vsphere-thumbprint, --vsphere-ca-file and --vsphere-insecure exclude each other.");
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
            CaBundlePem = caFile is null ? null : File.ReadAllText(caFile),
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
