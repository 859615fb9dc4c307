using System.Diagnostics;
using System.Globalization;
using RadAnon.Core.Ocr;
using RadAnon.Core.Pixels;
using RadAnon.Core.Pixels.Text;
using RadAnon.SyntheticData.Anatomy;
using RadAnon.SyntheticData.Captures;

namespace RadAnon.SyntheticData.Scoring;

/// <summary>
/// The eval-screens, eval-photos and eval-anatomy commands: the cleaner (from <see cref="CleanerFactory"/>) on the
/// luminance of each capture with no header values (as a PNG or JPEG arrives), one line for the set and the worst images
/// by seed. EVAL_MISSES=1 also lists missed lines and lost markers by position. No text content is ever printed.
/// </summary>
public static class CaptureEvals
{
    private const int WorstShown = 5;

    public static int Screens(int first, int count) => Run("screens", first, count, ScreenshotGenerator.Generate);

    public static int Photos(int first, int count) => Run("photos", first, count, s => PhotoGenerator.Generate(s).Photo);

    /// <summary>
    /// Text-free anatomy (8, 12 and 16 bits by seed): the number of changed pixels per image, which must be 0; the exit
    /// code is 1 when any image changed.
    /// </summary>
    public static int Anatomy(int first, int count)
    {
        using var ocr = new TesseractOcr();
        var cleaner = CleanerFactory.Create(ocr);
        var changed = new List<(int Seed, long Pixels, string Structures)>();
        var times = new List<double>();
        for (var seed = first; seed < first + count; seed++)
        {
            var a = AnatomyGenerator.Generate(seed, AnatomyGenerator.BitsForSeed(seed));
            var clock = Stopwatch.StartNew();
            var result = cleaner.Clean(a.Image, new TextCleaningOptions { Force = true }, a.HeaderValues);
            times.Add(clock.Elapsed.TotalMilliseconds);
            var (_, pixels) = TruthMasks.Collateral(a.Image, result.Image, new bool[a.Image.Width * a.Image.Height]);
            changed.Add((seed, pixels, string.Join('+', a.Structures)));
        }

        Console.WriteLine(FormattableString.Invariant(
            $"anatomy {Range(first, count)}: images {count}, changed {changed.Count(c => c.Pixels > 0)}, changed pixels max {changed.Max(c => c.Pixels)} total {changed.Sum(c => c.Pixels)}, median {Median(times):0} ms"));
        foreach (var (seed, pixels, structures) in changed.Where(c => c.Pixels > 0).OrderByDescending(c => c.Pixels).Take(WorstShown))
        {
            Console.WriteLine(FormattableString.Invariant($"  worst: seed {seed} changed {pixels} px ({structures}, {AnatomyGenerator.BitsForSeed(seed)}-bit)"));
        }

        return changed.Any(c => c.Pixels > 0) ? 1 : 0;
    }

    private static int Run(string name, int first, int count, Func<int, CaptureCase> generate)
    {
        using var ocr = new TesseractOcr();
        var cleaner = CleanerFactory.Create(ocr);
        var score = new CaptureEvaluation();
        var times = new List<double>();
        for (var seed = first; seed < first + count; seed++)
        {
            var c = generate(seed);
            var gray = c.Luminance();
            var clock = Stopwatch.StartNew();
            var result = cleaner.Clean(gray, new TextCleaningOptions { Force = true }, []);
            times.Add(clock.Elapsed.TotalMilliseconds);
            score.Add(seed, gray, c.Truth, result);
            Dump(name, seed, gray, result);
        }

        Console.WriteLine(FormattableString.Invariant($"{name} {Range(first, count)}: {score}, median {Median(times):0} ms"));
        foreach (var (seed, fraction) in score.Collateral.Worst(WorstShown))
        {
            Console.WriteLine(FormattableString.Invariant($"  worst: seed {seed} collateral {fraction:P3}"));
        }

        if (Environment.GetEnvironmentVariable("EVAL_MISSES") == "1")
        {
            score.Misses.ForEach(Console.WriteLine);
        }

        return 0;
    }

    /// <summary>EVAL_DUMP=DIR writes each input and output luminance as PNG (for dev seeds).</summary>
    private static void Dump(string name, int seed, GrayImage input, TextCleaningResult result)
    {
        if (Environment.GetEnvironmentVariable("EVAL_DUMP") is not { Length: > 0 } dir)
        {
            return;
        }

        Directory.CreateDirectory(dir);
        foreach (var (image, suffix) in new[] { (input, "in"), (result.Image, "out") })
        {
            using var png = NetVips.Image.NewFromMemory(image.To8BitView(), image.Width, image.Height, 1, NetVips.Enums.BandFormat.Uchar);
            png.WriteToFile(Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"{name}_{seed:D4}_{suffix}.png")));
        }
    }

    public static string Range(int first, int count, bool radiographs = false) =>
        string.Create(CultureInfo.InvariantCulture, $"seeds {first}-{first + count - 1} ({(radiographs ? SeedSplit.Radiograph(first, count) : SeedSplit.Capture(first, count))})");

    public static double Median(List<double> values) => values.Count == 0 ? 0 : values.Order().ElementAt(values.Count / 2);
}
