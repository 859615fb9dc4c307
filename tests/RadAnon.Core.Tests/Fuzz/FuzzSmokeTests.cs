using RadAnon.Fuzz;
using RadAnon.TestSupport;
using Xunit.Abstractions;

namespace RadAnon.Core.Tests.Fuzz;

/// <summary>
/// The bounded fuzz pass CI runs: corpus seeds, mutated in process, through the DICOM reader/decoder/writer, each
/// codec's decoder on its own (frames taken from the corpus's compressed files) and the raster path. Any exception other than our documented refusals, or a hang, fails the test with the input saved.
/// The long coverage-guided run is documented in fuzz/README.md.
/// </summary>
public sealed class FuzzSmokeTests
{
    private readonly ITestOutputHelper _output;

    public FuzzSmokeTests(ITestOutputHelper output)
    {
        _output = output;
    }

    /// <summary>Counts and time bounds keep the whole pass under ~52 s on two busy cores; fuzz/run-long.sh does the long runs.</summary>
    [CorpusTheory]
    [InlineData("dicom", 6000, 16)]
    [InlineData("raster", 300, 10)]
    [InlineData("rle", 1500, 4)]
    [InlineData("jpeg", 400, 5)]
    [InlineData("jpegls", 600, 4)]
    [InlineData("j2k", 120, 5)]
    [InlineData("zip", 3000, 8)]
    public void Mutants_OfCorpusSeeds_AreAcceptedOrRefusedCleanly(string target, long executions, int seconds)
    {
        var seeds = SeedCorpus.Load(Repository.CorpusDirectory, target);
        Assert.NotEmpty(seeds);

        var run = new Mutator(seeds, seed: Environment.TickCount).Run(FuzzTargets.All[target], executions, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(10));

        _output.WriteLine($"{target}: {run.Executions} executions in {run.Elapsed.TotalSeconds:F1} s ({run.ExecutionsPerSecond:F0}/s), {run.Findings.Count} findings");
        foreach (var finding in run.Findings)
        {
            var path = Path.Combine(Path.GetTempPath(), $"radanon-fuzz-{target}-{Guid.NewGuid():n}.bin");
            File.WriteAllBytes(path, finding.Input);
            _output.WriteLine($"{finding.Kind}: {finding.Description} (input saved to {path})");
        }

        Assert.True(run.Findings.Count == 0, string.Join('\n', run.Findings.Select(f => f.Kind + ": " + f.Description)));
        Assert.True(run.Executions >= Math.Min(executions, 100), $"only {run.Executions} executions ran");
    }
}
