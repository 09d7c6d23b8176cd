using System.Diagnostics;
using System.Text.Json;

namespace SnapshotHa.Disks.Tests.Support;

/// <summary>Runs qemu-img and qemu-io (Debian qemu-utils) in a working directory; fails when they are missing.</summary>
internal static class Qemu
{
    public static Task<string> ImgAsync(string directory, params string[] arguments) => RunAsync("qemu-img", directory, arguments);

    public static Task<string> IoAsync(string directory, params string[] arguments) => RunAsync("qemu-io", directory, arguments);

    /// <summary>Writes <paramref name="file"/>'s merged view as raw bytes and returns them.</summary>
    public static async Task<byte[]> ConvertToRawAsync(string directory, string file)
    {
        var raw = file + ".oracle.raw";
        await ImgAsync(directory, "convert", "-f", "vmdk", "-O", "raw", file, raw);
        var bytes = await File.ReadAllBytesAsync(Path.Combine(directory, raw));
        File.Delete(Path.Combine(directory, raw));
        return bytes;
    }

    /// <summary>Returns qemu-img map's depth-0 ranges of <paramref name="file"/> as allocated ranges, coalesced.</summary>
    public static async Task<List<AllocatedRange>> MapDepthZeroAsync(string directory, string file)
    {
        var json = await ImgAsync(directory, "map", "--output=json", "-f", "vmdk", file);
        var ranges = new List<AllocatedRange>();
        foreach (var entry in JsonDocument.Parse(json).RootElement.EnumerateArray())
        {
            var present = !entry.TryGetProperty("present", out var p) || p.GetBoolean();
            if (entry.GetProperty("depth").GetInt32() != 0 || !present)
            {
                continue;
            }

            var kind = entry.GetProperty("data").GetBoolean() ? ExtentKind.Data : ExtentKind.Zero;
            if (!entry.GetProperty("data").GetBoolean() && !entry.GetProperty("zero").GetBoolean())
            {
                continue;
            }

            var range = new AllocatedRange(entry.GetProperty("start").GetInt64(), entry.GetProperty("length").GetInt64(), kind);
            if (ranges.Count > 0 && ranges[^1].End == range.Offset && ranges[^1].Kind == range.Kind)
            {
                ranges[^1] = ranges[^1] with { Length = ranges[^1].Length + range.Length };
            }
            else
            {
                ranges.Add(range);
            }
        }

        return ranges;
    }

    private static async Task<string> RunAsync(string tool, string directory, string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException($"{tool} is missing: install qemu-utils (hack/setup.d/10-apt.sh)", exception);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited {process.ExitCode}: {await stderr}{await stdout}");
            }

            var output = await stdout;
            if (tool == "qemu-io" && (output.Contains("failed", StringComparison.OrdinalIgnoreCase) || output.Contains("Pattern verification", StringComparison.Ordinal)))
            {
                throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} reported: {output}");
            }

            return output;
        }
    }
}
