using SharpFuzz;
using SnapshotHa.Fuzz.Targets;

// Usage:
//   SnapshotHa.Fuzz TARGET                    run under afl-fuzz (input on stdin, via SharpFuzz)
//   SnapshotHa.Fuzz seed TARGET DIR           write the target's seed files into DIR
//   SnapshotHa.Fuzz replay TARGET FILE...     run the target on files (crash inputs, regressions)
if (args.Length == 0)
{
    Console.Error.WriteLine($"usage: SnapshotHa.Fuzz TARGET | seed TARGET DIR | replay TARGET FILE...; targets: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}");
    return 2;
}

switch (args[0])
{
    case "seed" when args.Length == 3:
        Directory.CreateDirectory(args[2]);
        foreach (var (name, bytes) in FuzzTargets.Get(args[1]).Seeds())
        {
            File.WriteAllBytes(Path.Combine(args[2], name), bytes);
        }

        return 0;
    case "replay" when args.Length >= 3:
        var replayed = FuzzTargets.Get(args[1]);
        foreach (var file in args.Skip(2))
        {
            replayed.Run(File.ReadAllBytes(file));
            Console.WriteLine($"ok {file}");
        }

        return 0;
    default:
        var target = FuzzTargets.Get(args[0]);
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            target.Run(memory.ToArray());
        });
        return 0;
}
