using Microsoft.Extensions.Logging;

namespace SnapshotHa.Operator.Memory;

/// <summary>Log messages of memory management.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Trimmed memory: GC committed {BeforeMiB:0.#} MiB before, {AfterMiB:0.#} MiB after, {LiveMiB:0.#} MiB live")]
    public static partial void MemoryTrimmed(ILogger logger, double beforeMiB, double afterMiB, double liveMiB);
}
