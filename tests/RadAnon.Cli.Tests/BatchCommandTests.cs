using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using RadAnon.Core.Tests.Pipeline;
using RadAnon.Dicom;

namespace RadAnon.Cli.Tests;

/// <summary>`radanon anonymize` over folders: parallel workers, resume, quarantine, summary and progress.</summary>
[Collection("batch")]
public sealed partial class BatchCommandTests(BatchFixture batch)
{
    [Fact]
    public void ReferenceRun_WritesEveryOutputAndReport_SummaryCountsThem_ProgressLinesOnStderr()
    {
        var outputs = BatchFixture.Outputs(batch.Reference);
        Assert.Equal(BatchFixture.InputCount, outputs.Count);
        Assert.Equal(BatchFixture.InputCount, BatchFixture.Reports(batch.Reference));
        var summary = BatchFixture.Summary(batch.Reference);
        Assert.Equal(BatchFixture.InputCount, summary.GetProperty("files").GetInt32());
        Assert.Equal(BatchFixture.InputCount, summary.GetProperty("anonymized").GetInt32());
        Assert.Equal(0, summary.GetProperty("skipped").GetInt32());
        Assert.Equal(0, summary.GetProperty("failed").GetInt32());
        Assert.True(summary.GetProperty("imagesWithText").GetInt32() >= 20, summary.ToString());
        Assert.True(summary.GetProperty("regionsRedacted").GetInt32() >= 40, summary.ToString());
        Assert.True(summary.GetProperty("imagesPerSecond").GetDouble() > 0);
        Assert.Equal(2, summary.GetProperty("jobs").GetInt32());

        // Not a terminal: one plain line per input on stderr, naming only the relative path and a status.
        var lines = batch.ReferenceRun.StandardError.Split('\n').Where(l => ProgressLine().IsMatch(l)).ToList();
        Assert.Equal(BatchFixture.InputCount, lines.Count);
        Assert.Contains(lines, l => l.EndsWith("batch/study/IM001.dcm ok", StringComparison.Ordinal));
        Assert.Contains("[24/24]", batch.ReferenceRun.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(PipelineInputs.Canary, batch.ReferenceRun.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(PipelineInputs.PatientId, batch.ReferenceRun.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_AfterKilledRun_CompletesByteIdenticalToUninterruptedRun_SkipsDone_LeavesNoTempFiles()
    {
        var output = batch.NewDirectory("killed");
        using (var process = Cli.Start("anonymize", batch.Input, "-o", output, "--key", batch.KeyFile, "--force", "--jobs", "2"))
        {
            var clock = Stopwatch.StartNew();
            while (BatchFixture.Reports(output) < 4 && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
            {
                Thread.Sleep(20);
            }

            Assert.False(process.HasExited, "the run finished before it could be killed; the test needs a bigger batch");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        var done = BatchFixture.Reports(output);
        Assert.InRange(done, 4, BatchFixture.InputCount - 1);
        Assert.False(File.Exists(Path.Combine(output, "summary.json")), "a killed run writes no summary");

        var rerun = Cli.Run("anonymize", batch.Input, "-o", output, "--key", batch.KeyFile, "--force", "--jobs", "2");
        Assert.True(rerun.ExitCode == 0, rerun.StandardError);
        var summary = BatchFixture.Summary(output);
        Assert.Equal(done, summary.GetProperty("skipped").GetInt32());
        Assert.Equal(BatchFixture.InputCount - done, summary.GetProperty("anonymized").GetInt32());
        AssertSameOutputs(batch.Reference, output);
        Assert.DoesNotContain(Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories), f => f.Contains(".radanon-tmp-", StringComparison.Ordinal));
    }

    [Fact]
    public void HalfWrittenOutput_TruncatedOrWithoutReport_IsRedoneOnRerun()
    {
        var output = batch.NewDirectory("damaged");
        CopyDirectory(batch.Reference, output);
        var truncated = Path.Combine(output, "batch", "study", "IM003.dcm");
        File.WriteAllBytes(truncated, File.ReadAllBytes(truncated)[..1000]);
        File.Delete(Path.Combine(output, "batch", "png", "xray05.report.json"));
        // A leftover temporary file from a killed writer is cleaned up.
        File.WriteAllText(Path.Combine(output, "batch", "png", ".xray06.png.radanon-tmp-0123456789ab"), "partial");

        var rerun = Cli.Run("anonymize", batch.Input, "-o", output, "--key", batch.KeyFile, "--force", "--jobs", "2");
        Assert.True(rerun.ExitCode == 0, rerun.StandardError);
        var summary = BatchFixture.Summary(output);
        Assert.Equal(2, summary.GetProperty("anonymized").GetInt32());
        Assert.Equal(BatchFixture.InputCount - 2, summary.GetProperty("skipped").GetInt32());
        AssertSameOutputs(batch.Reference, output);
        Assert.True(File.Exists(Path.Combine(output, "batch", "png", "xray05.report.json")));
        Assert.False(File.Exists(Path.Combine(output, "batch", "png", ".xray06.png.radanon-tmp-0123456789ab")));
        Assert.Contains("batch/study/IM003.dcm ok", rerun.StandardError, StringComparison.Ordinal);
        Assert.Contains("batch/study/IM001.dcm skipped", rerun.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void PowerLossDamage_ZeroedOrEmptyOutputOrEmptyReport_UnderFinalNames_IsRedoneOnRerun()
    {
        // Outputs are not fsynced by default: after a power loss the renamed file can be empty or hold zeroed blocks
        // while its report is complete (or the report itself can be empty). Resume must re-verify, not trust names.
        var output = batch.NewDirectory("powerloss");
        CopyDirectory(batch.Reference, output);
        var zeroed = Path.Combine(output, "batch", "study", "IM002.dcm");
        File.WriteAllBytes(zeroed, new byte[new FileInfo(zeroed).Length]);
        File.WriteAllBytes(Path.Combine(output, "batch", "png", "xray03.png"), []);
        File.WriteAllBytes(Path.Combine(output, "batch", "study", "IM004.report.json"), []);

        var rerun = Cli.Run("anonymize", batch.Input, "-o", output, "--key", batch.KeyFile, "--force", "--jobs", "2", "--durable");
        Assert.True(rerun.ExitCode == 0, rerun.StandardError);
        var summary = BatchFixture.Summary(output);
        Assert.Equal(3, summary.GetProperty("anonymized").GetInt32());
        Assert.Equal(BatchFixture.InputCount - 3, summary.GetProperty("skipped").GetInt32());
        Assert.Contains("batch/study/IM002.dcm ok", rerun.StandardError, StringComparison.Ordinal);
        Assert.Contains("batch/png/xray03.png ok", rerun.StandardError, StringComparison.Ordinal);
        Assert.Contains("batch/study/IM004.dcm ok", rerun.StandardError, StringComparison.Ordinal);
        AssertSameOutputs(batch.Reference, output);
    }

    [Fact]
    public void Timings_ListStagesWithCallCounts_NeverAValue()
    {
        var output = batch.NewDirectory("timings");
        var run = Cli.Run("anonymize", Path.Combine(batch.Input, "study"), "-o", output, "--key", batch.KeyFile, "--profile", "basic", "--timings");
        Assert.True(run.ExitCode == 0, run.StandardError);
        foreach (var stage in new[] { "read", "parse", "de-identify", "serialize+write", "hash input", "write output rename" })
        {
            Assert.Matches($@"(?m)^{Regex.Escape(stage)} +8 ", run.StandardError);
        }

        Assert.Matches("(?m)^hash output +[0-9]+ ", run.StandardError); // one call per write step
        Assert.Contains("process start to Main", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("fsync", run.StandardError, StringComparison.Ordinal); // not durable: no fsync stage ran
        Assert.DoesNotContain(PipelineInputs.Canary, run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(PipelineInputs.PatientId, run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Rerun_WithOtherOptionsOrWithoutKey_RedoesEverything()
    {
        var output = batch.NewDirectory("options");
        CopyDirectory(batch.Reference, output);
        var study = Path.Combine(batch.Input, "study");
        var fill = Cli.Run("anonymize", study, "-o", Path.Combine(output), "--key", batch.KeyFile, "--force", "--redact", "fill", "--force");
        Assert.True(fill.ExitCode == 0, fill.StandardError);
        Assert.Equal(8, BatchFixture.Summary(output).GetProperty("anonymized").GetInt32());
        var ephemeral = Cli.Run("anonymize", study, "-o", Path.Combine(output), "--redact", "fill", "--force");
        Assert.True(ephemeral.ExitCode == 0, ephemeral.StandardError);
        Assert.Equal(8, BatchFixture.Summary(output).GetProperty("anonymized").GetInt32());
        Assert.Equal("ephemeral", BatchFixture.Summary(output).GetProperty("key").GetString());
    }

    [Fact]
    public void Jobs1AndJobs4_ProduceByteIdenticalOutputs()
    {
        foreach (var jobs in new[] { "1", "4" })
        {
            var output = batch.NewDirectory("jobs" + jobs);
            var run = Cli.Run("anonymize", batch.Input, "-o", output, "--key", batch.KeyFile, "--force", "--jobs", jobs);
            Assert.True(run.ExitCode == 0, run.StandardError);
            AssertSameOutputs(batch.Reference, output);
        }
    }

    [Fact]
    public void OneStudy_AtJobs4_SharesPseudonymisedStudyAndPatient_DistinctInstances_SameAcrossRunsWithKey()
    {
        var runs = new List<List<(string Study, string Patient, string Sop)>>();
        foreach (var name in new[] { "study-a", "study-b" })
        {
            var output = batch.NewDirectory(name);
            var run = Cli.Run("anonymize", Path.Combine(batch.Input, "study"), "-o", output, "--key", batch.KeyFile, "--force", "--jobs", "4");
            Assert.True(run.ExitCode == 0, run.StandardError);
            runs.Add(Directory.EnumerateFiles(Path.Combine(output, "study"), "*.dcm").Order(StringComparer.Ordinal).Select(f =>
            {
                using var file = DicomFile.Open(f);
                return (file.Dataset.GetString(DicomTags.StudyInstanceUID)!, file.Dataset.GetString(DicomTags.PatientID)!,
                    file.Dataset.GetString(DicomTags.SOPInstanceUID)!);
            }).ToList());
        }

        var first = runs[0];
        Assert.Equal(8, first.Count);
        Assert.Single(first.Select(u => u.Study).Distinct());
        Assert.Single(first.Select(u => u.Patient).Distinct());
        Assert.Equal(8, first.Select(u => u.Sop).Distinct().Count());
        Assert.NotEqual(BatchInputs.StudyUid, first[0].Study);
        Assert.NotEqual(PipelineInputs.PatientId, first[0].Patient);
        Assert.Equal(first, runs[1]);
    }

    [Fact]
    public void FailingInputs_AreQuarantined_BatchCompletes_ExitOne_AndAreRetriedOnRerun()
    {
        var input = BatchInputs.WriteMixedWithFailures(batch.NewDirectory("mixed-in"));
        var output = batch.NewDirectory("mixed-out");
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var run = Cli.Run("anonymize", input, "-o", output, "--key", batch.KeyFile, "--force", "--jobs", "2");
            Assert.True(run.ExitCode == 1, run.StandardError);
            var failures = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "failures.json"))).RootElement.EnumerateArray()
                .ToDictionary(f => f.GetProperty("input").GetString()!, f => f.GetProperty("type").GetString()!);
            var name = Path.GetFileName(input);
            Assert.Equal(3, failures.Count);
            Assert.Equal("invalid-dicom", failures[name + "/corrupt.dcm"]);
            Assert.Equal("invalid-dicom", failures[name + "/notes.txt"]);
            Assert.Equal("output-collision", failures[name + "/good.png"]);
            Assert.True(File.Exists(Path.Combine(output, name, "good.dcm")));
            Assert.True(File.Exists(Path.Combine(output, name, "photo.png")));
            Assert.False(File.Exists(Path.Combine(output, name, "good.png")));
            Assert.False(File.Exists(Path.Combine(output, name, "corrupt.dcm")));
            var summary = BatchFixture.Summary(output);
            Assert.Equal(5, summary.GetProperty("files").GetInt32());
            Assert.Equal(3, summary.GetProperty("failed").GetInt32());
            Assert.Equal(attempt == 0 ? 2 : 0, summary.GetProperty("anonymized").GetInt32());
            Assert.Equal(attempt == 0 ? 0 : 2, summary.GetProperty("skipped").GetInt32());
            Assert.Contains($"{name}/corrupt.dcm failed (invalid-dicom)", run.StandardError, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void UsageErrors_ExitTwo()
    {
        var input = Path.Combine(batch.Input, "png");
        var output = batch.NewDirectory("usage");
        Assert.Equal(2, Cli.Run("anonymize", input, "-o", output, "--jobs", "0").ExitCode);
        Assert.Equal(2, Cli.Run("anonymize", input, "-o", output, "--jobs", "many").ExitCode);
        Assert.Equal(2, Cli.Run("anonymize", input, "-o", output, "--server", "ftp://host").ExitCode);
        Assert.Equal(2, Cli.Run("anonymize", input, "-o", output, "--server", "http://127.0.0.1:9", "--key", batch.KeyFile, "--force").ExitCode);
        Assert.Equal(2, Cli.Run("anonymize", input, "-o", output, "--api-key", "secret").ExitCode);
    }

    internal static void AssertSameOutputs(string expectedDirectory, string actualDirectory)
    {
        var expected = BatchFixture.Outputs(expectedDirectory);
        var actual = BatchFixture.Outputs(actualDirectory);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        var different = expected.Where(e => !e.Value.AsSpan().SequenceEqual(actual[e.Key])).Select(e => e.Key).ToList();
        Assert.True(different.Count == 0, "outputs differ: " + string.Join(", ", different));
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [GeneratedRegex(@"^\[\d+/\d+\] \S+ (ok|skipped|failed \([a-z-]+\))$")]
    private static partial Regex ProgressLine();
}
