using System.CommandLine;
using SnapshotHa.Repository;

namespace SnapshotHa.RepositoryCli;

/// <summary>What the repository commands share: the <c>--repo</c> option and the mapping of failures to exit codes.</summary>
public static class RepositoryCommandLine
{
    /// <summary>Exit code for bad input: a missing or malformed file, option or image.</summary>
    public const int BadInput = 2;

    /// <summary>Exit code for a repository that failed verification or an operation that failed otherwise.</summary>
    public const int Failed = 1;

    /// <summary>Creates the required <c>--repo DIR</c> option.</summary>
    public static Option<string> RepoOption() => new("--repo") { Description = "Repository directory", Required = true };

    /// <summary>Opens the repository named by <c>--repo</c>.</summary>
    public static Task<ImageRepository> OpenAsync(string path, bool create, RepositoryOptions? options, CancellationToken cancellationToken) =>
        ImageRepository.OpenAsync(path, create, options, cancellationToken);

    /// <summary>
    /// Runs <paramref name="action"/>, turning bad input (missing files, malformed data, unknown images, bad options)
    /// into a one-line <c>error:</c> message on stderr and exit code 2, other failures into exit code 1.
    /// </summary>
    public static async Task<int> RunAsync(ParseResult parse, Func<TextWriter, TextWriter, Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(action);
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        try
        {
            return await action(output, error);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException or KeyNotFoundException
                                      or ArgumentException or FormatException or NotSupportedException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("error: cancelled");
            return Failed;
        }
        catch (Exception e) when (e is IOException or TimeoutException or Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException or HttpRequestException)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return Failed;
        }
    }
}
