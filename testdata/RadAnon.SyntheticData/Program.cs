using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NetVips;
using RadAnon.Core.Ocr;
using RadAnon.Core.Pixels.Text;
using RadAnon.SyntheticData;
using RadAnon.SyntheticData.Scoring;

// Usage: generate OUTDIR [COUNT] [SEED] [BITS]   writes PNGs and truth.json
//        bench ours|baseline|floor [COUNT] [W] [H]  benchmark row on 16-bit synthetic CRs (see bench/text/run.sh)
//        eval [FIRST] [COUNT] [unseen-fonts|jpeg] quality on the 1024x1280 synthetic set, as the tests score it
//        eval-screens|eval-photos FIRST COUNT   viewer screenshots / phone photos of them: recall, markers, collateral
//        eval-anatomy FIRST COUNT             text-free synthetic anatomy: changed pixels per image (must be 0)
//        screens|photos|anatomy|corpus OUTDIR [FIRST] [COUNT]  write generated images and truth.json (dev seeds)
//        debug SEED [BITS] [OUTDIR] [unseen-fonts|jpeg] truth and regions of one case (boxes and categories, never text)
//        load-set OUTDIR [COUNT] [SEED] [W] [H]   PNG and DICOM inputs for bench/load/run.sh
var command = args.Length > 0 ? args[0] : "generate";
int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;

if (command == "debug")
{
    using var ocr = new TesseractOcr();
    var c = RadiographGenerator.Generate(Arg(1, 1), new GeneratorOptions { BitsStored = Arg(2, 8), Fonts = args.Length > 4 && args[4] == "unseen-fonts" ? GeneratorOptions.UnseenFonts : null });
    if (args.Length > 4 && args[4] == "jpeg")
    {
        c = c with { Image = SyntheticFiles.JpegRoundTrip(c.Image) };
    }

    var result = CleanerFactory.Create(ocr).Clean(c.Image, new TextCleaningOptions { Force = true }, c.HeaderValues);
    if (args.Length > 3)
    {
        // debug SEED BITS OUTDIR: also write the input and the cleaned image as 8-bit PNGs.
        Directory.CreateDirectory(args[3]);
        foreach (var (image, name) in new[] { (c.Image, "in"), (result.Image, "out") })
        {
            using var png = Image.NewFromMemory(image.To8BitView(), image.Width, image.Height, 1, Enums.BandFormat.Uchar);
            png.WriteToFile(Path.Combine(args[3], $"seed{c.Seed}_{name}.png"));
        }
    }

    foreach (var t in c.Truth)
    {
        Console.WriteLine($"truth {t.Kind} {t.X},{t.Y} {t.Width}x{t.Height} h={t.GlyphHeight} rot={t.Rotated} light={t.LightOnDark}");
    }

    foreach (var r in result.Regions)
    {
        Console.WriteLine($"region {r.Category} {r.Action} {r.Box.X},{r.Box.Y} {r.Box.Width}x{r.Box.Height} g={r.GlyphHeight} rot={r.Rotation} conf={r.Confidence:0}");
    }

    return 0;
}

if (command == "eval")
{
    // eval FIRST COUNT [unseen-fonts|jpeg]: score seeds FIRST..FIRST+COUNT-1 (odd 8-bit, even 12-bit) like the recall
    // test does; unseen-fonts draws with fonts nothing was tuned on; jpeg scores 8-bit images after a quality-75 JPEG
    // round trip (what a web image bank holds), with the decoded image as the input.
    var unseenFonts = args.Length > 3 && args[3] == "unseen-fonts";
    var jpeg = args.Length > 3 && args[3] == "jpeg";
    using var ocr = new TesseractOcr();
    var cleaner = CleanerFactory.Create(ocr);
    var score = new SyntheticEvaluation();
    var times = new List<double>();
    for (var s = Arg(1, 1); s < Arg(1, 1) + Arg(2, 16); s++)
    {
        var c = RadiographGenerator.Generate(s, new GeneratorOptions { BitsStored = s % 2 == 0 && !jpeg ? 12 : 8, Fonts = unseenFonts ? GeneratorOptions.UnseenFonts : null });
        if (jpeg)
        {
            c = c with { Image = SyntheticFiles.JpegRoundTrip(c.Image) };
        }

        var result = cleaner.Clean(c.Image, new TextCleaningOptions { Force = true }, c.HeaderValues);
        score.Add(c, result);
        times.Add(result.Timings.TotalMs);
        var t = result.Timings;
        Console.WriteLine(FormattableString.Invariant(
            $"seed {s}: detect {t.DetectMs:0} ocr {t.OcrMs:0} redact {t.RedactMs:0} verify {t.VerifyMs:0}; clean {result.IsClean} residual {result.Verification.ResidualRegionCount}"));
    }

    score.Misses.ForEach(Console.WriteLine);
    score.FalsePositives.ForEach(Console.WriteLine);
    if (Environment.GetEnvironmentVariable("EVAL_COLLATERAL") is { } top)
    {
        // EVAL_COLLATERAL=N: the N redacted regions that changed the most non-text pixels (overlaps count twice).
        foreach (var (pixels, region) in score.CollateralByRegion.OrderByDescending(p => p.Pixels).Take(int.Parse(top, CultureInfo.InvariantCulture)))
        {
            Console.WriteLine(FormattableString.Invariant($"collateral {pixels} px: {region}"));
        }
    }

    times.Sort();
    Console.WriteLine($"radiographs {CaptureEvals.Range(Arg(1, 1), Arg(2, 16), radiographs: true)}: {score}");
    foreach (var (worst, fraction) in score.PerImage.Worst(5))
    {
        Console.WriteLine(FormattableString.Invariant($"  worst: seed {worst} collateral {fraction:P3}"));
    }

    Console.WriteLine(FormattableString.Invariant($"median {times[times.Count / 2]:0} ms"));
    return 0;
}

if (command is "eval-screens" or "eval-photos" or "eval-anatomy")
{
    return command switch
    {
        "eval-screens" => CaptureEvals.Screens(Arg(1, 1), Arg(2, 8)),
        "eval-photos" => CaptureEvals.Photos(Arg(1, 1), Arg(2, 8)),
        _ => CaptureEvals.Anatomy(Arg(1, 1), Arg(2, 8)),
    };
}

if (command is "screens" or "photos" or "anatomy" or "corpus")
{
    // screens|photos|anatomy|corpus OUTDIR [FIRST] [COUNT]: PNGs and truth.json, for looking at dev seeds only (corpus:
    // the real radiographs the viewports use, by index).
    return RadAnon.SyntheticData.Captures.CaptureWriter.Write(command, args.Length > 1 ? args[1] : command, Arg(2, 1), Arg(3, 4));
}

if (command == "load-set")
{
    return LoadSet.Write(args.Length > 1 ? args[1] : "load-set", Arg(2, 16), Arg(3, 2000), Arg(4, 1024), Arg(5, 1280));
}

if (command == "bench")
{
    // bench ours|baseline|header [COUNT] [WIDTH] [HEIGHT]: one Markdown table row on stdout, per-image lines on stderr.
    if (args.Length > 1 && args[1] == "header")
    {
        Console.WriteLine(Bench.Header);
        return 0;
    }

    if (args.Length > 1 && args[1] == "floor")
    {
        return OcrFloor.Run(Arg(2, 5), Arg(3, 2500), Arg(4, 3000));
    }

    return Bench.Run(args.Length > 1 ? args[1] : "ours", Arg(2, 5), Arg(3, 2500), Arg(4, 3000));
}

var outDir = args.Length > 1 ? args[1] : "synthetic";
var n = Arg(2, 10);
var seed = Arg(3, 1);
var bits = Arg(4, 8);
Directory.CreateDirectory(outDir);
var index = new Dictionary<string, object>();
for (var i = 0; i < n; i++)
{
    var c = RadiographGenerator.Generate(seed + i, new GeneratorOptions { BitsStored = bits });
    var name = $"synthetic_{c.Seed:D4}.png";
    using (var image = c.Image.Is16Bit
        ? Image.NewFromMemory(c.Image.Pixels16.ToArray(), c.Image.Width, c.Image.Height, 1, Enums.BandFormat.Ushort)
        : Image.NewFromMemory(c.Image.Pixels8.ToArray(), c.Image.Width, c.Image.Height, 1, Enums.BandFormat.Uchar))
    {
        image.WriteToFile(Path.Combine(outDir, name));
    }

    index[name] = new { c.HeaderValues, c.Truth };
}

File.WriteAllText(Path.Combine(outDir, "truth.json"), JsonSerializer.Serialize(index, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"wrote {n} images to {outDir}");
return 0;
