using RadAnon.Core.Ocr;
using RadAnon.Core.Pixels;
using RadAnon.Core.Pixels.Text;
using RadAnon.SyntheticData;
using Xunit.Abstractions;

namespace RadAnon.Core.Tests.Pixels.Text;

public sealed class OcrFixture : IDisposable
{
    public TesseractOcr Ocr { get; } = new();

    public void Dispose() => Ocr.Dispose();
}

/// <summary>The cleaner against the synthetic generator's ground truth, with Tesseract as the reading oracle.</summary>
public sealed class BurnedInTextCleanerTests : IClassFixture<OcrFixture>
{
    private readonly TesseractOcr ocr;
    private readonly ITestOutputHelper output;

    public BurnedInTextCleanerTests(OcrFixture fixture, ITestOutputHelper output)
    {
        ocr = fixture.Ocr;
        this.output = output;
    }

    [Fact]
    public void Clean_SyntheticSet_MeetsRecallAndKeepsMarkers()
    {
        var cleaner = new BurnedInTextCleaner(ocr);
        var score = new SyntheticEvaluation();
        var verifiedClean = 0;
        for (var seed = 1; seed <= 16; seed++)
        {
            var c = RadiographGenerator.Generate(seed, new GeneratorOptions { BitsStored = seed % 2 == 0 ? 12 : 8 });
            var result = cleaner.Clean(c.Image, new TextCleaningOptions { Force = true }, c.HeaderValues);
            score.Add(c, result);
            verifiedClean += result.IsClean ? 1 : 0;
        }

        output.WriteLine(score.ToString());
        output.WriteLine($"verification clean on {verifiedClean}/16");
        score.Misses.ForEach(output.WriteLine);

        // Measured on this set: recall 1.000, markers kept 1.000, collateral 0.06 %: the targets (0.99, 0.95, 0.5 %).
        Assert.True(score.Recall >= 0.99, score.ToString());
        Assert.True(score.MarkerRetention >= 0.95, score.ToString());
        Assert.True(score.Collateral <= 0.005, score.ToString());
    }

    /// <summary>
    /// The same seeds as 8-bit images after a quality-75 JPEG round trip: ringing and smeared glyph edges, as images
    /// arrive from web image banks and screenshots.
    /// </summary>
    [Fact]
    public void Clean_SyntheticSetAfterJpeg_MeetsTheTargets()
    {
        var cleaner = new BurnedInTextCleaner(ocr);
        var score = new SyntheticEvaluation();
        for (var seed = 1; seed <= 16; seed++)
        {
            var c = RadiographGenerator.Generate(seed, new GeneratorOptions { BitsStored = 8 });
            c = c with { Image = SyntheticFiles.JpegRoundTrip(c.Image) };
            score.Add(c, cleaner.Clean(c.Image, new TextCleaningOptions { Force = true }, c.HeaderValues));
        }

        output.WriteLine(score.ToString());
        score.Misses.ForEach(output.WriteLine);

        // Measured: recall 1.000, markers kept 1.000 (32/32), collateral 0.06 %: held to the targets (0.99, 0.95, 0.5 %).
        Assert.True(score.Recall >= 0.99, score.ToString());
        Assert.True(score.MarkerRetention >= 0.95, score.ToString());
        Assert.True(score.Collateral <= 0.005, score.ToString());
    }

    /// <summary>
    /// Fonts nothing was tuned on (Liberation, FreeFont; `./radanon test` installs them): how the cleaner does on text
    /// drawn as an outside evaluation might draw it.
    /// </summary>
    [Fact]
    public void Clean_SyntheticSetInUnseenFonts_KeepsRecallAndHoldsItsMeasuredBounds()
    {
        var families = InstalledFontFamilies();
        Assert.Contains("Liberation Sans", families);
        Assert.Contains("FreeSans", families);

        var cleaner = new BurnedInTextCleaner(ocr);
        var score = new SyntheticEvaluation();
        for (var seed = 301; seed <= 316; seed++)
        {
            var c = RadiographGenerator.Generate(seed, new GeneratorOptions { BitsStored = seed % 2 == 0 ? 12 : 8, Fonts = GeneratorOptions.UnseenFonts });
            score.Add(c, cleaner.Clean(c.Image, new TextCleaningOptions { Force = true }, c.HeaderValues));
        }

        output.WriteLine(score.ToString());
        score.Misses.ForEach(output.WriteLine);

        // Measured: recall 1.000 (80/80), markers kept 0.969 (31/32), collateral 0.01 %: held to the targets (0.99, 0.95,
        // 0.5 %). All 32 seeds (eval 301 32 unseen-fonts): 1.000, 0.984, 0.02 %.
        Assert.True(score.Recall >= 0.99, score.ToString());
        Assert.True(score.MarkerRetention >= 0.95, score.ToString());
        Assert.True(score.Collateral <= 0.005, score.ToString());
    }

    private static HashSet<string> InstalledFontFamilies()
    {
        using var fcList = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("fc-list", ": family") { RedirectStandardOutput = true })!;
        var families = fcList.StandardOutput.ReadToEnd().Split('\n').SelectMany(line => line.Split(',')).Select(f => f.Trim()).ToHashSet(StringComparer.Ordinal);
        fcList.WaitForExit();
        return families;
    }

    [Fact]
    public void Clean_DefaultVerification_NeverHandsTheWholeImageToOcr()
    {
        var c = RadiographGenerator.Generate(2);
        var counting = new CountingOcr(ocr);
        var result = new BurnedInTextCleaner(counting).Clean(c.Image, new TextCleaningOptions { Force = true }, c.HeaderValues);

        Assert.True(result.Verification.Performed);
        Assert.True(counting.Calls > 0);
        Assert.True(counting.LargestPixels < c.Image.Width * c.Image.Height / 2, $"largest OCR input {counting.LargestPixels} px");
    }

    [Fact]
    public void Clean_LightMarkerInDarkBackingBox_IsKeptNotSwallowedByTheBoxEcho()
    {
        var image = Blank(600, 400, 200);
        for (var y = 30; y < 150; y++)
        {
            for (var x = 40; x < 140; x++)
            {
                image[x, y] = 10;
            }
        }

        Stamp(image, "R", 60, 40, 90, light: true);
        var result = new BurnedInTextCleaner(ocr).Clean(image, new TextCleaningOptions(), []);

        Assert.Equal(1, result.KeptMarkerCount);
        Assert.Equal(0, result.RedactedCount);
    }

    [Fact]
    public void Clean_RedactedOutput_HasNoIdentifyingTokenOnReOcr()
    {
        var cleaner = new BurnedInTextCleaner(ocr);
        var c = RadiographGenerator.Generate(3);
        var result = cleaner.Clean(c.Image, new TextCleaningOptions(), c.HeaderValues);

        Assert.True(result.IsClean);
        var pixels = result.Image.To8BitView();
        var words = ocr.Recognize(pixels, result.Image.Width, result.Image.Height, result.Image.Width, OcrMode.SparseText);
        var classifier = new TextClassifier(new HeaderValueMatcher(c.HeaderValues), TextCleaningOptions.DefaultMarkers, 55);
        var identifying = words.Count(w => w.Confidence >= 55 && TextClassifier.IsIdentifying(classifier.ClassifyWord(w.Text)) && w.Text.Length >= 3);
        Assert.Equal(0, identifying);
    }

    [Theory]
    [InlineData(RedactionMethod.Blur, 8)]
    [InlineData(RedactionMethod.Fill, 8)]
    [InlineData(RedactionMethod.Blur, 12)]
    public void Redact_ImagesDifferingOnlyInsideRedactedRegions_GiveIdenticalOutput(RedactionMethod method, int bits)
    {
        var cleaner = new BurnedInTextCleaner(ocr);
        var c = RadiographGenerator.Generate(5, new GeneratorOptions { BitsStored = bits });
        var boxes = cleaner.Clean(c.Image, new TextCleaningOptions { Force = true, Verify = false }, c.HeaderValues)
            .Regions.Where(r => r.Action == RegionAction.Redacted).Select(r => r.PaintedBox!.Value).ToList();
        Assert.NotEmpty(boxes);
        var altered = c.Image.Clone();
        var rng = new Random(9);
        foreach (var b in boxes)
        {
            for (var y = b.Y; y < b.Bottom; y++)
            {
                for (var x = b.X; x < b.Right; x++)
                {
                    altered[x, y] = rng.Next(altered.MaxValue + 1);
                }
            }
        }

        var a = c.Image.Clone();
        RegionRedactor.Redact(a, boxes, method, fillValue: null);
        RegionRedactor.Redact(altered, boxes, method, fillValue: null);

        for (var y = 0; y < a.Height; y++)
        {
            for (var x = 0; x < a.Width; x++)
            {
                Assert.Equal(a[x, y], altered[x, y]);
            }
        }
    }

    [Fact]
    public void Clean_SixteenBitImage_KeepsGeometryDepthAndRange()
    {
        var cleaner = new BurnedInTextCleaner(ocr);
        var c = RadiographGenerator.Generate(4, new GeneratorOptions { BitsStored = 12 });
        var result = cleaner.Clean(c.Image, new TextCleaningOptions { Force = true, Redaction = RedactionMethod.Fill }, c.HeaderValues);

        Assert.Equal((c.Image.Width, c.Image.Height, 16, 12), (result.Image.Width, result.Image.Height, result.Image.BitsPerSample, result.Image.BitsStored));
        Assert.True(result.RedactedCount > 0);
        var max = 0;
        foreach (var v in result.Image.Pixels16)
        {
            max = Math.Max(max, v);
        }

        Assert.InRange(max, 1, 4095);
    }

    [Fact]
    public void Clean_MarkersRemovePolicy_RemovesSideMarker()
    {
        var image = Blank(600, 400, 40);
        Stamp(image, "R", 60, 40, 40, light: true);
        var cleaner = new BurnedInTextCleaner(ocr);

        var kept = cleaner.Clean(image, new TextCleaningOptions(), []);
        var removed = cleaner.Clean(image, new TextCleaningOptions { Markers = MarkerPolicy.Remove }, []);

        Assert.Equal(1, kept.KeptMarkerCount);
        Assert.Equal(0, kept.RedactedCount);
        Assert.Equal(0, removed.KeptMarkerCount);
        Assert.Equal(1, removed.RedactedCount);
    }

    [Fact]
    public void Clean_SexLetterInHeader_DoesNotRedactEveryM()
    {
        var image = Blank(700, 300, 30);
        Stamp(image, "MLO", 40, 40, 36, light: true);
        var cleaner = new BurnedInTextCleaner(ocr);

        var result = cleaner.Clean(image, new TextCleaningOptions(), ["M", "F"]);

        Assert.Equal(1, result.KeptMarkerCount);
        Assert.Equal(0, result.RedactedCount);
    }

    [Fact]
    public void Clean_IdentifyingPolicy_KeepsMeasurementButRemovesName()
    {
        var image = Blank(900, 400, 30);
        Stamp(image, "12.5 cm", 40, 40, 30, light: true);
        Stamp(image, "KAUFMAN SCOTT", 40, 200, 30, light: true);
        var cleaner = new BurnedInTextCleaner(ocr);

        var result = cleaner.Clean(image, new TextCleaningOptions { Text = TextPolicy.Identifying }, ["KAUFMAN^SCOTT"]);
        result.Regions.ToList().ForEach(r => output.WriteLine($"{r.Category} {r.Action} {r.Box} g={r.GlyphHeight} conf={r.Confidence:0}"));

        Assert.Contains(result.Regions, r => r.Action == RegionAction.Kept && r.Category == TextCategory.OtherText);
        Assert.Contains(result.Regions, r => r.Action == RegionAction.Redacted && r.Category == TextCategory.HeaderMatch);
    }

    [Fact]
    public void Clean_VetoRegion_KeepsDetectedText()
    {
        var image = Blank(700, 300, 30);
        Stamp(image, "NGUYEN", 40, 40, 36, light: true);
        var cleaner = new BurnedInTextCleaner(ocr);

        var result = cleaner.Clean(image, new TextCleaningOptions { VetoRegions = [new PixelBox(0, 0, 700, 150)], Force = true }, []);

        Assert.All(result.Regions, r => Assert.NotEqual(RegionAction.Redacted, r.Action));
        Assert.Equal(image.Pixels8.ToArray(), result.Image.Pixels8.ToArray());
    }

    [Fact]
    public void Clean_UnreadableTextLikeMarks_AreRedactedAndCounted()
    {
        var image = Blank(700, 300, 30);
        Stamp(image, "\u2202\u2207\u2206\u2202\u2207", 40, 40, 40, light: true); // glyph-like strokes that are no Latin text
        var cleaner = new BurnedInTextCleaner(ocr);

        var result = cleaner.Clean(image, new TextCleaningOptions { Force = true }, []);

        Assert.True(result.RedactedCount >= 1);
        Assert.All(result.Regions, r => Assert.Equal(RegionAction.Redacted, r.Action));
        output.WriteLine($"unreadable {result.UnreadableCount}, categories {string.Join(",", result.Regions.Select(r => r.Category))}");
    }

    /// <summary>Passes through to Tesseract and records how many calls and the largest image handed over.</summary>
    private sealed class CountingOcr(IOcr inner) : IOcr
    {
        private int calls;
        private long largest;

        public string Version => inner.Version;

        public int Calls => calls;

        public long LargestPixels => Interlocked.Read(ref largest);

        public IReadOnlyList<OcrWord> Recognize(ReadOnlySpan<byte> gray8, int width, int height, int stride, OcrMode mode)
        {
            Interlocked.Increment(ref calls);
            long pixels = (long)width * height;
            for (var seen = Interlocked.Read(ref largest); pixels > seen; seen = Interlocked.Read(ref largest))
            {
                if (Interlocked.CompareExchange(ref largest, pixels, seen) == seen)
                {
                    break;
                }
            }

            return inner.Recognize(gray8, width, height, stride, mode);
        }
    }

    internal static GrayImage Blank(int w, int h, byte value)
    {
        var image = GrayImage.Create8(w, h);
        image.Pixels8.Fill(value);
        return image;
    }

    internal static void Stamp(GrayImage image, string text, int x0, int y0, int size, bool light, string font = "DejaVu Sans")
    {
        using var mask = NetVips.Image.Text(text, font: $"{font} {size}", dpi: 72);
        var m = mask.Cast(NetVips.Enums.BandFormat.Uchar).WriteToMemory<byte>();
        for (var y = 0; y < mask.Height; y++)
        {
            for (var x = 0; x < mask.Width; x++)
            {
                var a = m[(y * mask.Width) + x] / 255.0;
                var bg = image[x0 + x, y0 + y];
                image[x0 + x, y0 + y] = (int)Math.Round((bg * (1 - a)) + ((light ? 250 : 5) * a));
            }
        }
    }
}
