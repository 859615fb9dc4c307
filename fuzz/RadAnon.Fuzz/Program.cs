using System.Globalization;
using RadAnon.Fuzz;

// radanon fuzz harness.
//   dotnet RadAnon.Fuzz.dll afl TARGET                       (under afl-fuzz, after `sharpfuzz` instrumentation; see fuzz/README.md)
//   dotnet RadAnon.Fuzz.dll mutate TARGET SEEDDIR [EXECUTIONS [SECONDS [RANDOMSEED [MAXSEEDBYTES]]]]
//                                                            (in-process mutation; findings to fuzz/findings)
//   dotnet RadAnon.Fuzz.dll seeds TARGET SEEDDIR OUTDIR      (write the target's seeds as files, for afl-fuzz -i)
//   dotnet RadAnon.Fuzz.dll replay TARGET FILE...            (run saved inputs once each, e.g. AFL's crashes/)
if (args.Length < 2 || !FuzzTargets.All.TryGetValue(args[1], out var target))
{
    Console.Error.WriteLine("usage: RadAnon.Fuzz (afl|mutate|seeds|replay) (" + string.Join('|', FuzzTargets.All.Keys) + ") [SEEDDIR|FILE...] ...");
    return 2;
}

switch (args[0])
{
    case "afl":
        SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            if (!FuzzTargets.Survives(target, buffer.ToArray(), out var finding))
            {
                throw finding!; // let AFL see the crash
            }
        });
        return 0;
    case "seeds":
        var written = SeedCorpus.Load(args[2], args[1]);
        Directory.CreateDirectory(args[3]);
        for (var i = 0; i < written.Count; i++)
        {
            File.WriteAllBytes(Path.Combine(args[3], $"{args[1]}-{i:D3}.bin"), written[i]);
        }

        Console.WriteLine($"{args[1]}: {written.Count} seeds, {written.Sum(s => (long)s.Length)} bytes -> {args[3]}");
        return written.Count > 0 ? 0 : 1;
    case "replay":
        var failed = 0;
        foreach (var file in args[2..])
        {
            var ok = FuzzTargets.Survives(target, File.ReadAllBytes(file), out var finding);
            Console.WriteLine($"{file}: {(ok ? "ok" : finding!.ToString())}");
            failed += ok ? 0 : 1;
        }

        return failed == 0 ? 0 : 1;
    case "mutate":
        break;
    default:
        Console.Error.WriteLine($"unknown command {args[0]}");
        return 2;
}

var seedDir = args.Length > 2 ? args[2] : throw new ArgumentException("mutate needs a seed directory");
var executions = args.Length > 3 ? long.Parse(args[3], CultureInfo.InvariantCulture) : 1_000_000;
var seconds = args.Length > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : 3600;
var randomSeed = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 1;
var maxSeedBytes = args.Length > 6 ? long.Parse(args[6], CultureInfo.InvariantCulture) : 2 << 20;
var seeds = SeedCorpus.Load(seedDir, args[1], maxFileBytes: maxSeedBytes);
var run = new Mutator(seeds, randomSeed).Run(target, executions, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(5));
var crashes = run.Findings.Count(f => f.Kind == "crash");
var hangs = run.Findings.Count(f => f.Kind == "hang");
Console.WriteLine($"{args[1]}: {run.Executions} executions in {run.Elapsed.TotalSeconds:F0} s ({run.ExecutionsPerSecond:F0}/s) from {seeds.Count} seeds; {crashes} crashes, {hangs} hangs");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT\t{args[1]}\t{run.Executions}\t{crashes}\t{hangs}\t{run.ExecutionsPerSecond:F0}\t{run.Elapsed.TotalSeconds:F0}\t{seeds.Count}"));
Directory.CreateDirectory("fuzz/findings");
foreach (var (finding, i) in run.Findings.Select((f, i) => (f, i)))
{
    var path = Path.Combine("fuzz/findings", $"{args[1]}-{finding.Kind}-{i}.bin");
    File.WriteAllBytes(path, finding.Input);
    Console.WriteLine($"  {finding.Kind}: {finding.Description} -> {path}");
}

// A hung worker thread cannot be stopped; exit rather than wait for it.
Environment.Exit(run.Findings.Count == 0 ? 0 : 1);
return 0;
