using System.Diagnostics;
using System.Globalization;
using RadAnon.Core.Ocr;
using RadAnon.Core.Pixels;
using RadAnon.Core.Pixels.Text;

namespace RadAnon.SyntheticData;

/// <summary>
/// The burned-in text benchmark: our pipeline or the Presidio-style baseline (Tesseract once on the whole 8-bit image,
/// every word box redacted) on seeded 16-bit synthetic CRs, one pipeline per process so peak RSS is its own.
/// </summary>
public static class Bench
{
    public static int Run(string mode, int count, int width, int height)
    {
        var options = new GeneratorOptions { Width = width, Height = height, BitsStored = 16 };
        using var ocr = new TesseractOcr();
        var cleaner = Scoring.CleanerFactory.Create(ocr);
        var score = new SyntheticEvaluation();
        var totals = new List<double>();
        var stages = new List<StageTimings>();
        var cpu = new List<double>();
        using var self = Process.GetCurrentProcess();
        // One untimed image first: a long-running service has its code jitted to the optimised tier and Tesseract's
        // models paged in; the first call of a fresh process measures start-up, not cleaning.
        var warmUp = RadiographGenerator.Generate(999, options);
        _ = mode == "baseline" ? Baseline(ocr, warmUp.Image) : cleaner.Clean(warmUp.Image, new TextCleaningOptions { Force = true }, warmUp.HeaderValues);
        for (var i = 0; i < count; i++)
        {
            // Generated one at a time (not timed) so memory holds one case, as a service cleaning a library would.
            var c = RadiographGenerator.Generate(1000 + i, options);
            self.Refresh();
            var cpuBefore = self.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var result = mode == "baseline"
                ? Baseline(ocr, c.Image)
                : cleaner.Clean(c.Image, new TextCleaningOptions { Force = true }, c.HeaderValues);
            totals.Add(clock.Elapsed.TotalMilliseconds);
            self.Refresh();
            cpu.Add((self.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            stages.Add(result.Timings);
            score.Add(c, result);
            Console.Error.WriteLine(FormattableString.Invariant(
                $"{mode} seed {c.Seed}: {totals[^1]:0} ms, CPU {cpu[^1]:0} ms (detect {result.Timings.DetectMs:0}, ocr {result.Timings.OcrMs:0}, redact {result.Timings.RedactMs:0}, verify {result.Timings.VerifyMs:0}), clean {result.IsClean}"));
        }

        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);
        Console.WriteLine(FormattableString.Invariant(
            $"| {mode} | {count} | {Median(totals):0} | {Median(cpu):0} | {Median(stages.Select(s => s.DetectMs)):0} | {Median(stages.Select(s => s.OcrMs)):0} | {Median(stages.Select(s => s.RedactMs)):0} | {Median(stages.Select(s => s.VerifyMs)):0} | {peak} | {score.Recall:0.000} ({score.IdentifyingRemoved}/{score.IdentifyingTotal}) | {score.Precision:0.000} | {score.MarkerRetention:0.000} ({score.MarkersKept}/{score.MarkersTotal}) | {score.Collateral:P2} |"));
        return 0;
    }

    public static string Header =>
        "| pipeline | images | median ms/image | median CPU ms/image | detect ms | OCR ms | redact ms | verify ms | peak RSS MiB | recall | region precision | markers kept | collateral |\n" +
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    /// <summary>
    /// Presidio's approach: Tesseract (automatic page segmentation) once on the whole 8-bit image, then every word box,
    /// padded by a quarter of its height, filled with the image mean. Nothing is kept, nothing is verified.
    /// </summary>
    private static TextCleaningResult Baseline(TesseractOcr ocr, GrayImage image)
    {
        var clock = Stopwatch.StartNew();
        var view = image.To8BitView();
        var prepareMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var words = ocr.Recognize(view, image.Width, image.Height, image.Width, OcrMode.Auto);
        var ocrMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var output = image.Clone();
        long sum = 0;
        for (var y = 0; y < image.Height; y += 4)
        {
            for (var x = 0; x < image.Width; x += 4)
            {
                sum += image[x, y];
            }
        }

        var mean = (int)(sum / (((image.Height + 3) / 4) * (long)((image.Width + 3) / 4)));
        var regions = new List<TextRegion>();
        foreach (var w in words)
        {
            var pad = Math.Max(3, w.Height / 4);
            var box = new PixelBox(w.X, w.Y, w.Width, w.Height).Inflate(pad, image.Width, image.Height);
            for (var y = box.Y; y < box.Bottom; y++)
            {
                for (var x = box.X; x < box.Right; x++)
                {
                    output[x, y] = mean;
                }
            }

            regions.Add(new TextRegion
            {
                Box = box, Rotation = 0, Category = TextCategory.OtherText, Action = RegionAction.Redacted, Method = RedactionMethod.Fill,
                Confidence = w.Confidence, GlyphHeight = w.Height, PaintedBox = box,
            });
        }

        return new TextCleaningResult
        {
            Image = output,
            Regions = regions,
            Verification = new VerificationOutcome("none", Performed: false, ResidualTextFound: false, ResidualRegionCount: 0),
            OcrEngine = "tesseract " + ocr.Version,
            Timings = new StageTimings(prepareMs, ocrMs, clock.Elapsed.TotalMilliseconds, 0),
        };
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    internal static int ParseInt(string s) => int.Parse(s, CultureInfo.InvariantCulture);
}
