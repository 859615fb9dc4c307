using System.Globalization;
using RadAnon.Fuzz;

// radanon fuzz harness.
//   dotnet RadAnon.Fuzz.dll afl TARGET                       (under afl-fuzz, after `sharpfuzz` instrumentation; see fuzz/README.md)
//   dotnet RadAnon.Fuzz.dll mutate TARGET SEEDDIR [EXECUTIONS] [SECONDS]   (in-process mutation run; findings to fuzz/findings)
if (args.Length < 2 || !FuzzTargets.All.TryGetValue(args[1], out var target))
{
    Console.Error.WriteLine("usage: RadAnon.Fuzz (afl|mutate) (" + string.Join('|', FuzzTargets.All.Keys) + ") [SEEDDIR [EXECUTIONS [SECONDS]]]");
    return 2;
}

if (args[0] == "afl")
{
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
}

var seedDir = args.Length > 2 ? args[2] : throw new ArgumentException("mutate needs a seed directory");
var executions = args.Length > 3 ? long.Parse(args[3], CultureInfo.InvariantCulture) : 1_000_000;
var seconds = args.Length > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : 3600;
var seeds = SeedCorpus.Load(seedDir, args[1]);
var run = new Mutator(seeds, seed: 1).Run(target, executions, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(5));
Console.WriteLine($"{args[1]}: {run.Executions} executions in {run.Elapsed.TotalSeconds:F0} s ({run.ExecutionsPerSecond:F0}/s) from {seeds.Count} seeds; {run.Findings.Count} findings");
Directory.CreateDirectory("fuzz/findings");
foreach (var (finding, i) in run.Findings.Select((f, i) => (f, i)))
{
    var path = Path.Combine("fuzz/findings", $"{args[1]}-{finding.Kind}-{i}.bin");
    File.WriteAllBytes(path, finding.Input);
    Console.WriteLine($"  {finding.Kind}: {finding.Description} -> {path}");
}

return run.Findings.Count == 0 ? 0 : 1;
