using NetVips;
using RadAnon.Core.Ocr;

namespace RadAnon.Core.Tests.Ocr;

/// <summary>The Tesseract binding against the installed libtesseract.so.5 (an oracle from outside the project).</summary>
public sealed class TesseractOcrTests
{
    [Fact]
    public void Recognize_RenderedLine_ReadsWordsWithBoxes()
    {
        using var ocr = new TesseractOcr();
        var (pixels, width, height) = RenderDarkOnLight("CHEST ERECT 2024");

        var words = ocr.Recognize(pixels, width, height, width, OcrMode.SingleLine);

        Assert.Equal(["CHEST", "ERECT", "2024"], words.Select(w => w.Text));
        Assert.All(words, w => Assert.InRange(w.Confidence, 50, 100));
        Assert.All(words, w => Assert.True(w.X >= 0 && w.Y >= 0 && w.X + w.Width <= width && w.Y + w.Height <= height));
        Assert.True(words[0].X < words[1].X && words[1].X < words[2].X);
    }

    [Fact]
    public void Loading_SilencesLeptonicasStderrMessages()
    {
        // Leptonica's own "Error in boxClipToRectangle ..." lines went to stderr in CLI runs and service logs.
        using var ocr = new TesseractOcr();

        // setMsgSeverity returns the level in force: the loader set it to L_SEVERITY_NONE (6).
        var previous = LeptonicaInterop.SetMsgSeverity(6);

        Assert.Equal(6, previous);
    }

    [Fact]
    public void Version_IsTesseractFive()
    {
        using var ocr = new TesseractOcr();
        Assert.StartsWith("5.", ocr.Version, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_EmptyTessdataDirectory_ThrowsOcrUnavailable()
    {
        var empty = Directory.CreateTempSubdirectory("radanon-tessdata-");
        try
        {
            var ex = Assert.Throws<OcrUnavailableException>(() => new TesseractOcr(new TesseractOptions { TessdataPath = empty.FullName }));
            Assert.IsAssignableFrom<RadAnonException>(ex);
            Assert.Contains("eng.traineddata", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public void Constructor_CorruptLanguageData_ThrowsOcrUnavailable()
    {
        var dir = Directory.CreateTempSubdirectory("radanon-tessdata-");
        try
        {
            File.WriteAllBytes(Path.Combine(dir.FullName, "eng.traineddata"), new byte[64]);
            Assert.Throws<OcrUnavailableException>(() => new TesseractOcr(new TesseractOptions { TessdataPath = dir.FullName }));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Recognize_FromSeveralThreads_UsesAtMostOneEnginePerConcurrentCall()
    {
        using var ocr = new TesseractOcr();
        var (pixels, width, height) = RenderDarkOnLight("PORTABLE");
        var results = new string[4];
        var threads = Enumerable.Range(0, 4).Select(i => new Thread(() =>
        {
            results[i] = string.Join(' ', ocr.Recognize(pixels, width, height, width, OcrMode.SingleWord).Select(w => w.Text));
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.All(results, r => Assert.Equal("PORTABLE", r));
        Assert.InRange(ocr.EngineCount, 1, 4);
    }

    [Fact]
    public void Recognize_FromNewThreadsInTurn_ReusesTheIdleEngine()
    {
        // Regression: one engine per thread initialised a new engine (hundreds of ms of CPU) for every thread-pool
        // thread that ever read a crop, in the middle of an image.
        using var ocr = new TesseractOcr();
        var (pixels, width, height) = RenderDarkOnLight("PORTABLE");
        for (var i = 0; i < 4; i++)
        {
            var thread = new Thread(() => Assert.Equal("PORTABLE", string.Join(' ', ocr.Recognize(pixels, width, height, width, OcrMode.SingleWord).Select(w => w.Text))));
            thread.Start();
            thread.Join();
        }

        Assert.Equal(1, ocr.EngineCount);
    }

    [Fact]
    public void Recognize_BlankImage_ReturnsNothingConfident()
    {
        // PSM 7 on an empty line can hallucinate a word at confidence 0; callers must weigh confidence.
        using var ocr = new TesseractOcr();
        var blank = Enumerable.Repeat((byte)255, 200 * 60).ToArray();
        Assert.All(ocr.Recognize(blank, 200, 60, 200, OcrMode.SingleLine), w => Assert.InRange(w.Confidence, 0, 30));
    }

    private static (byte[] Pixels, int Width, int Height) RenderDarkOnLight(string text)
    {
        using var mask = Image.Text(text, font: "DejaVu Sans 24", dpi: 72);
        using var padded = mask.Embed(16, 16, mask.Width + 32, mask.Height + 32);
        using var inverted = padded.Invert();
        using var gray = inverted.Cast(Enums.BandFormat.Uchar);
        return (gray.WriteToMemory<byte>(), gray.Width, gray.Height);
    }
}
