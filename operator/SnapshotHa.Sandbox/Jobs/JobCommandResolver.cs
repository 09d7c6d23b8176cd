using System.Net;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace SnapshotHa.Sandbox.Jobs;

/// <summary>
/// Turns a Job's single container into a local command line: the first word mapped through
/// <see cref="LocalJobRunnerOptions.Commands"/>; volume mounts mapped to local directories (a PersistentVolumeClaim to
/// <c>&lt;ClaimRoot&gt;/&lt;claimName&gt;[/subPath]</c>, an emptyDir to a folder of the Job's work directory); every
/// argument equal to a mount path or starting with <c>&lt;mountPath&gt;/</c> rewritten to the local directory; the
/// environment from <c>value</c>, <c>secretKeyRef</c> and <c>configMapKeyRef</c> read from the API server.
/// </summary>
public static class JobCommandResolver
{
    /// <summary>Resolves <paramref name="job"/>'s container.</summary>
    /// <param name="job">The Job.</param>
    /// <param name="kubernetes">Reads referenced Secrets and ConfigMaps.</param>
    /// <param name="options">Command mapping and directories.</param>
    /// <param name="jobDirectory">The Job's own work directory (emptyDir volumes, working directory).</param>
    /// <param name="cancellationToken">Cancels the lookups.</param>
    /// <returns>The command.</returns>
    /// <exception cref="InvalidOperationException">
    /// The Job has no or several containers, no command, a volume kind the runner does not map, or references a
    /// missing Secret, ConfigMap or key.
    /// </exception>
    public static async Task<LocalJobCommand> ResolveAsync(
        V1Job job, IKubernetes kubernetes, LocalJobRunnerOptions options, string jobDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(kubernetes);
        ArgumentNullException.ThrowIfNull(options);
        var ns = job.Metadata.NamespaceProperty ?? "default";
        var pod = job.Spec?.Template?.Spec ?? throw new InvalidOperationException($"Job {ns}/{job.Metadata.Name} has no spec.template.spec.");
        if (pod.Containers is not { Count: 1 } containers)
        {
            throw new InvalidOperationException($"Job {ns}/{job.Metadata.Name}: the sandbox runner runs Jobs with exactly one container.");
        }

        var container = containers[0];
        var words = (container.Command ?? []).Concat(container.Args ?? []).ToList();
        if (words.Count == 0)
        {
            throw new InvalidOperationException($"Job {ns}/{job.Metadata.Name}: container {container.Name} has no command or args.");
        }

        var mounts = MapMounts(job, pod, container, options, jobDirectory);
        var prefix = options.Commands.TryGetValue(words[0], out var mapped) ? mapped : [words[0]];
        var arguments = prefix.Skip(1).Concat(words.Skip(1).Select(w => Rewrite(w, mounts))).ToList();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in container.Env ?? [])
        {
            if (await ValueOfAsync(variable, ns, kubernetes, cancellationToken) is { } value)
            {
                environment[variable.Name] = value;
            }
        }

        if (mounts.FirstOrDefault(m => m.MountPath == "/tmp") is { } tmp)
        {
            environment["TMPDIR"] = tmp.Local;
        }

        return new LocalJobCommand(prefix[0], arguments, environment, jobDirectory);
    }

    /// <summary>Rewrites <paramref name="word"/> when it is a mount path or lies below one (the longest mount wins).</summary>
    /// <param name="word">An argument.</param>
    /// <param name="mounts">The mounts, longest mount path first.</param>
    /// <returns>The argument as the local process sees it.</returns>
    public static string Rewrite(string word, IReadOnlyList<(string MountPath, string Local)> mounts)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(mounts);
        foreach (var (mountPath, local) in mounts)
        {
            if (word == mountPath)
            {
                return local;
            }

            if (word.StartsWith(mountPath + "/", StringComparison.Ordinal))
            {
                return Path.Combine(local, word[(mountPath.Length + 1)..]);
            }
        }

        return word;
    }

    private static List<(string MountPath, string Local)> MapMounts(
        V1Job job, V1PodSpec pod, V1Container container, LocalJobRunnerOptions options, string jobDirectory)
    {
        var mounts = new List<(string MountPath, string Local)>();
        foreach (var mount in container.VolumeMounts ?? [])
        {
            var volume = pod.Volumes?.FirstOrDefault(v => v.Name == mount.Name)
                ?? throw new InvalidOperationException($"Job {job.Metadata.Name}: volumeMount {mount.Name} names no volume.");
            var root = volume switch
            {
                { PersistentVolumeClaim.ClaimName: { } claim } => Path.Combine(options.ClaimRoot, Safe(claim, "claimName")),
                { EmptyDir: not null } => Path.Combine(jobDirectory, "volumes", Safe(volume.Name, "volume name")),
                _ => throw new InvalidOperationException(
                    $"Job {job.Metadata.Name}: volume {volume.Name} is neither a persistentVolumeClaim nor an emptyDir; the sandbox runner maps only those."),
            };
            var local = string.IsNullOrEmpty(mount.SubPath) ? root : Path.GetFullPath(Path.Combine(root, mount.SubPath));
            if (!local.StartsWith(Path.GetFullPath(root), StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Job {job.Metadata.Name}: volumeMount {mount.Name} subPath '{mount.SubPath}' leaves the volume.");
            }

            Directory.CreateDirectory(local);
            mounts.Add((mount.MountPath.TrimEnd('/'), local));
        }

        return [.. mounts.OrderByDescending(m => m.MountPath.Length)];
    }

    private static string Safe(string name, string field) =>
        name.Length > 0 && !name.Contains('/', StringComparison.Ordinal) && name is not ("." or "..")
            ? name
            : throw new InvalidOperationException($"The {field} '{name}' is not a single path segment.");

    private static async Task<string?> ValueOfAsync(V1EnvVar variable, string ns, IKubernetes kubernetes, CancellationToken cancellationToken)
    {
        if (variable.ValueFrom is not { } from)
        {
            return variable.Value ?? "";
        }

        if (from.SecretKeyRef is { } secretRef)
        {
            var secret = await ReadAsync(() => kubernetes.CoreV1.ReadNamespacedSecretAsync(secretRef.Name, ns, cancellationToken: cancellationToken));
            if (secret?.Data?.TryGetValue(secretRef.Key, out var bytes) == true)
            {
                return Encoding.UTF8.GetString(bytes);
            }

            return secretRef.Optional == true
                ? null
                : throw new InvalidOperationException($"env {variable.Name}: Secret {ns}/{secretRef.Name} {(secret is null ? "does not exist" : $"has no key '{secretRef.Key}'")}.");
        }

        if (from.ConfigMapKeyRef is { } mapRef)
        {
            var map = await ReadAsync(() => kubernetes.CoreV1.ReadNamespacedConfigMapAsync(mapRef.Name, ns, cancellationToken: cancellationToken));
            if (map?.Data?.TryGetValue(mapRef.Key, out var text) == true)
            {
                return text;
            }

            return mapRef.Optional == true
                ? null
                : throw new InvalidOperationException($"env {variable.Name}: ConfigMap {ns}/{mapRef.Name} {(map is null ? "does not exist" : $"has no key '{mapRef.Key}'")}.");
        }

        throw new InvalidOperationException($"env {variable.Name}: only value, secretKeyRef and configMapKeyRef are supported by the sandbox runner.");
    }

    private static async Task<T?> ReadAsync<T>(Func<Task<T>> read)
        where T : class
    {
        try
        {
            return await read();
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
