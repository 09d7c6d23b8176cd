using System.ComponentModel;
using System.Runtime.InteropServices;

namespace SnapshotHa.Native;

/// <summary>Replaces this process with the managed operator executable (<c>execv</c>): same pid, arguments and environment.</summary>
internal static partial class OperatorExec
{
    /// <summary>Execs <paramref name="path"/> with <paramref name="args"/>; returns only on failure.</summary>
    /// <param name="path">The operator executable.</param>
    /// <param name="args">The arguments after the program name.</param>
    /// <exception cref="Win32Exception">execv failed (the error names the errno).</exception>
    public static void Replace(string path, IReadOnlyList<string> args)
    {
        var argv = new string?[args.Count + 2];
        argv[0] = path;
        for (var i = 0; i < args.Count; i++)
        {
            argv[i + 1] = args[i];
        }

        Console.Out.Flush();
        Console.Error.Flush();
        Execv(path, argv);
        throw new Win32Exception(Marshal.GetLastPInvokeError());
    }

    [LibraryImport("libc", EntryPoint = "execv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Execv(string path, string?[] argv);
}
