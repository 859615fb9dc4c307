using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RadAnon.Cli.Batch;
using RadAnon.Core;
using RadAnon.Core.Diagnostics;
using RadAnon.Core.Ocr;
using RadAnon.Core.Profiles;

namespace RadAnon.Cli;

/// <summary>
/// `radanon anonymize INPUT... -o OUTDIR [--jobs N] [--server URL [--api-key KEY]] [--profile NAME] [--config FILE]
/// [--key KEYFILE] [--format same|dicom|png|jpeg|png16] [--redact blur|fill] [--markers keep|remove] [--text all|identifying]
/// [--regions FILE.json] [--force] [--burn-overlays]`: DICOM, PNG and JPEG files and folders (recursively) to OUTDIR/&lt;relative path&gt;,
/// each with &lt;base&gt;.report.json beside it, on N worker threads (or a server), resuming where an earlier run stopped;
/// OUTDIR/failures.json lists the inputs that failed with their problem type and OUTDIR/summary.json the totals.
/// Exit 0 all done, 1 some failed, 2 usage.
/// </summary>
internal static class AnonymizeCommand
{
    private static readonly JsonSerializerOptions FailureJson = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static int Run(string[] args)
    {
        var toMain = DateTime.Now - Process.GetCurrentProcess().StartTime;
        var setupCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var setupClock = Stopwatch.StartNew();
        if (!AnonymizeArguments.TryParse(args, out var request, out var error))
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(CommandLine.Usage);
            return ExitCodes.Usage;
        }

        ProfileConfiguration configuration;
        PseudonymKey? key = null;
        string settings;
        try
        {
            configuration = request.ConfigPath is null ? ProfileConfiguration.Default : ProfileConfiguration.Load(request.ConfigPath);
            if (request.Server is null)
            {
                _ = configuration.Get(request.Options.Profile);
                key = request.KeyPath is null ? PseudonymKey.CreateEphemeral() : PseudonymKey.FromText(File.ReadAllText(request.KeyPath));
            }

            settings = BatchSettings.Hash(request.Options, request.ConfigPath, key, request.Server);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or IOException or JsonException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("configuration: " + ex.Message);
            return ExitCodes.Usage;
        }

        Directory.CreateDirectory(request.OutputDirectory);
        using var runLock = TryLock(request.OutputDirectory);
        if (runLock is null)
        {
            Console.Error.WriteLine($"another radanon run is writing to {request.OutputDirectory}; wait for it or choose another -o");
            return ExitCodes.Usage;
        }

        var clock = Stopwatch.StartNew();
        BatchPlanner.SweepTemporaryFiles(request.OutputDirectory);
        var (items, collisions) = BatchPlanner.Plan(request.Inputs, request.OutputDirectory);
        if (key is { IsEphemeral: true })
        {
            Console.Error.WriteLine("no --key: pseudonyms come from a fresh random key, so every input is redone (outputs of an earlier run are not kept)");
        }

        var timings = request.Timings ? new PipelineTimings() : null;
        using var worker = CreateAnonymizer(request, configuration, key, timings);
        var runner = new BatchRunner(worker.Anonymizer, settings, request.Jobs, request.Durable, timings);
        var setup = setupClock.Elapsed;
        var batchCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var batchClock = Stopwatch.StartNew();
        var outcomes = ProgressReporter.Run(items.Count, progress => runner.Run(items, progress));
        var batch = (batchClock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - batchCpu);

        var failures = items.Zip(outcomes).Where(p => p.Second.Status == ItemStatus.Failed)
            .Select(p => new Failure(p.First.DisplayPath, p.Second.FailureType!, p.Second.FailureMessage!))
            .Concat(collisions.Select(c => new Failure(c.DisplayPath, "output-collision", $"another input already writes {Path.GetFileName(c.ReportPath)}; rename one of them")))
            .ToList();
        var summary = BatchSummary.From(
            [.. outcomes, .. collisions.Select(_ => new ItemOutcome(ItemStatus.Failed))], clock.Elapsed, request.Jobs,
            request.Server?.AbsoluteUri ?? "local", request.Options.Profile, key switch { null => "server", { IsEphemeral: true } => "ephemeral", _ => "project" });
        AtomicFile.Write(Path.Combine(request.OutputDirectory, "failures.json"), JsonSerializer.SerializeToUtf8Bytes(failures, FailureJson), request.Durable);
        AtomicFile.Write(Path.Combine(request.OutputDirectory, "summary.json"), Encoding.UTF8.GetBytes(summary.ToJson()), request.Durable);
        foreach (var failure in failures.Take(20))
        {
            Console.Error.WriteLine($"failed: {failure.Input} ({failure.Type})");
        }

        Console.Error.WriteLine(summary.ToString());
        if (timings is not null)
        {
            PrintTimings(timings, toMain, (setup, batchCpu - setupCpu), batch, summary.Anonymized);
        }

        return failures.Count == 0 ? ExitCodes.Success : ExitCodes.SomeFailed;
    }

    /// <summary>An exclusive lock on OUTDIR for the run (released by the OS if the process dies); null when another run holds it.</summary>
    private static FileStream? TryLock(string outputDirectory)
    {
        try
        {
            return new FileStream(Path.Combine(outputDirectory, ".radanon-batch.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>--timings: one line per stage, wall and CPU totals and per anonymized file. Stage names and durations only.</summary>
    private static void PrintTimings(PipelineTimings timings, TimeSpan toMain, (TimeSpan Wall, TimeSpan Cpu) setup, (TimeSpan Wall, TimeSpan Cpu) batch, int files)
    {
        var per = Math.Max(files, 1);
        var error = Console.Error;
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"timings ({files} files anonymized; per-file columns divide by that count)"));
        error.WriteLine("stage                  calls   wall ms    cpu ms  wall/file  cpu/file  slowest ms");
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"process start to Main",-21} {1,6} {toMain.TotalMilliseconds,9:0.0} {"",9}"));
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"setup (config, plan)",-21} {1,6} {setup.Wall.TotalMilliseconds,9:0.0} {setup.Cpu.TotalMilliseconds,9:0.0}"));
        foreach (var s in timings.Snapshot())
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{s.Stage,-21} {s.Calls,6} {s.Wall.TotalMilliseconds,9:0.0} {s.Cpu.TotalMilliseconds,9:0.0} {s.Wall.TotalMilliseconds / per,10:0.00} {s.Cpu.TotalMilliseconds / per,9:0.00} {s.MaxWall.TotalMilliseconds,11:0.0}"));
        }

        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"batch (all threads)",-21} {1,6} {batch.Wall.TotalMilliseconds,9:0.0} {batch.Cpu.TotalMilliseconds,9:0.0} {batch.Wall.TotalMilliseconds / per,10:0.00} {batch.Cpu.TotalMilliseconds / per,9:0.00}"));
    }

    private static AnonymizerOwner CreateAnonymizer(AnonymizeRequest request, ProfileConfiguration configuration, PseudonymKey? key, PipelineTimings? timings)
    {
        if (request.Server is { } server)
        {
            var remote = new RemoteAnonymizer(server, request.ApiKey, request.Options);
            return new AnonymizerOwner(remote, remote);
        }

        // Tesseract loads its language data (~150 ms) and is checked up front only when the profile cleans pixels; a
        // header-only profile never asks it to read, so it opens on first use, if ever.
        IOcr ocr = configuration.Get(request.Options.Profile).Has(ProfileOption.CleanPixelData) ? OpenOcr() : new LazyOcr();
        return new AnonymizerOwner(new LocalAnonymizer(new Anonymizer(ocr, configuration) { Timings = timings }, request.Options, key!), ocr as IDisposable);
    }

    /// <summary>Tesseract (one engine per worker thread), or (when it is not installed) an engine that fails closed on first use, so header-only work still runs.</summary>
    private static IOcr OpenOcr()
    {
        try
        {
            return new TesseractOcr();
        }
        catch (OcrUnavailableException ex)
        {
            return new UnavailableOcr(ex.Message);
        }
    }

    private sealed record Failure(string Input, string Type, string Message);

    /// <summary>The item anonymizer with whatever it holds (OCR engines, the HTTP client), disposed after the run.</summary>
    private sealed class AnonymizerOwner(IItemAnonymizer anonymizer, IDisposable? resources) : IDisposable
    {
        public IItemAnonymizer Anonymizer => anonymizer;

        public void Dispose() => resources?.Dispose();
    }

    /// <summary>Opens Tesseract (or the fail-closed stand-in) the first time anything asks for it.</summary>
    private sealed class LazyOcr : IOcr, IDisposable
    {
        private readonly Lazy<IOcr> _ocr = new(OpenOcr, LazyThreadSafetyMode.ExecutionAndPublication);

        public string Version => _ocr.Value.Version;

        public IReadOnlyList<OcrWord> Recognize(ReadOnlySpan<byte> gray8, int width, int height, int stride, OcrMode mode) =>
            _ocr.Value.Recognize(gray8, width, height, stride, mode);

        public void Dispose()
        {
            if (_ocr.IsValueCreated)
            {
                (_ocr.Value as IDisposable)?.Dispose();
            }
        }
    }

    private sealed class UnavailableOcr(string reason) : IOcr
    {
        public string Version => "unavailable";

        public IReadOnlyList<OcrWord> Recognize(ReadOnlySpan<byte> gray8, int width, int height, int stride, OcrMode mode) =>
            throw new OcrUnavailableException(reason);
    }
}
