using RadAnon.Core.Ocr;
using RadAnon.Core.Pixels.Text;

namespace RadAnon.Core.Tests.Pixels.Text;

/// <summary>
/// A small marker a gap after a line of big text, read with the line as a speck: on a drawn 8-bit view (a 60-px line of
/// bars, then a 20-px blob), with a stub OCR standing in for Tesseract's reading of the blob alone.
/// </summary>
public sealed class EndMarkerReaderTests
{
    private const int Width = 600;
    private const int Height = 160;
    private const int StrokeContrast = 48;
    private static readonly PixelBox LineInk = new(50, 50, 380, 60);
    private static readonly PixelBox Blob = new(470, 90, 16, 20);
    private static readonly CropFrame Frame = new(OriginX: 20, OriginY: 20, Scale: 1, Border: 12);
    private static readonly TextClassifier Classifier = new(new HeaderValueMatcher([]), TextCleaningOptions.DefaultMarkers, 60);

    [Fact]
    public void Reread_SpeckAfterAGapReadAloneAsAMarker_ReplacesTheEndWordOverItsInk()
    {
        var ocr = new StubOcr("R", 95);

        var again = EndMarkerReader.Reread(Line(), Reading("°"), new CandidateReader(ocr), Classifier, Scene(Blob.Height), Width, Height, StrokeContrast);

        Assert.Equal(1, ocr.Calls);
        Assert.Equal(["12345678", "R"], again.Words.Select(w => w.Text));
        var marker = Frame.ToImage(again.Words[1]);
        Assert.InRange(marker.X, Blob.X - 1, Blob.X + 1);
        Assert.InRange(marker.Bottom, Blob.Bottom - 1, Blob.Bottom + 1);

        // And the splitter now keeps it apart from the line.
        var split = MarkerSplitter.TrySplit(Line(), again, Classifier);
        Assert.NotNull(split);
        Assert.True(split.Marker.X > LineInk.Right && split.Rest.Right <= Blob.X);
    }

    [Fact]
    public void Reread_EndNotReadAsAConfidentMarker_LeavesTheReadingAsItWas()
    {
        var reading = Reading("°");

        Assert.Same(reading, EndMarkerReader.Reread(Line(), reading, new CandidateReader(new StubOcr("7", 95)), Classifier, Scene(Blob.Height), Width, Height, StrokeContrast));
        Assert.Same(reading, EndMarkerReader.Reread(Line(), reading, new CandidateReader(new StubOcr("R", 50)), Classifier, Scene(Blob.Height), Width, Height, StrokeContrast));
    }

    [Fact]
    public void Reread_EndAsTallAsTheLineOrAWholeWord_IsNotReadAgain()
    {
        // A full-height glyph after the gap is more of the line; a long end word is a word of it. No OCR call either way.
        var ocr = new StubOcr("R", 95);

        var tall = Reading("°");
        Assert.Same(tall, EndMarkerReader.Reread(Line(), tall, new CandidateReader(ocr), Classifier, Scene(LineInk.Height), Width, Height, StrokeContrast));
        var word = Reading("1999");
        Assert.Same(word, EndMarkerReader.Reread(Line(), word, new CandidateReader(ocr), Classifier, Scene(Blob.Height), Width, Height, StrokeContrast));
        Assert.Equal(0, ocr.Calls);
    }

    private static TextCandidate Line() => new()
    {
        Box = new PixelBox(LineInk.X, LineInk.Y, Blob.Right - LineInk.X, LineInk.Height),
        Polarity = TextPolarity.LightOnDark, Vertical = false, GlyphHeight = LineInk.Height, GlyphCount = 9, Scale = 1,
    };

    /// <summary>The line's words as Tesseract gave them: the number over the bars, then the end word over the blob's top.</summary>
    private static CandidateReading Reading(string end) => new(
        [
            new OcrWord("12345678", LineInk.X - Frame.OriginX + Frame.Border, LineInk.Y - Frame.OriginY + Frame.Border, LineInk.Width, LineInk.Height, 93),
            new OcrWord(end, Blob.X - Frame.OriginX + Frame.Border, Blob.Y - Frame.OriginY + Frame.Border, Blob.Width, 8, 69),
        ],
        0,
        Frame);

    /// <summary>A 60-level field, the line's bars (ink 230), and after a 40-px gap a blob of the given height.</summary>
    private static byte[] Scene(int blobHeight)
    {
        var view = new byte[Width * Height];
        Array.Fill(view, (byte)60);
        for (var x = LineInk.X; x + 8 <= LineInk.Right; x += 20)
        {
            Fill(view, new PixelBox(x, LineInk.Y, 8, LineInk.Height), 230);
        }

        Fill(view, new PixelBox(Blob.X, LineInk.Bottom - blobHeight, Blob.Width, blobHeight), 230);
        return view;
    }

    private static void Fill(byte[] view, PixelBox box, byte value) => DrawnView.Fill(view, Width, box, value);

    /// <summary>Reads every crop as one word with a fixed text and confidence, and counts the calls.</summary>
    private sealed class StubOcr(string text, float confidence) : IOcr
    {
        public int Calls { get; private set; }

        public string Version => "stub";

        public IReadOnlyList<OcrWord> Recognize(ReadOnlySpan<byte> gray8, int width, int height, int stride, OcrMode mode)
        {
            Calls++;
            return [new OcrWord(text, 0, 0, width, height, confidence)];
        }
    }
}
