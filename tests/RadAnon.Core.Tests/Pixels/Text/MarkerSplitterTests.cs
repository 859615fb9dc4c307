using RadAnon.Core.Ocr;
using RadAnon.Core.Pixels.Text;

namespace RadAnon.Core.Tests.Pixels.Text;

/// <summary>
/// A marker read at one end of a line it was grouped with: kept on its own only when it stands apart. Word boxes are
/// given in a crop at scale 2 with a 10-px border whose origin is the line's box, so image x = 100 + (crop x - 10) / 2.
/// </summary>
public sealed class MarkerSplitterTests
{
    private static readonly CropFrame Frame = new(100, 50, 2, 10);
    private readonly TextClassifier _classifier = new(new HeaderValueMatcher(["DOE^JOHN", "32726397"]), TextCleaningOptions.DefaultMarkers, 55);

    [Fact]
    public void TrySplit_MarkerAGlyphBeforeAnIdLine_KeepsTheMarkerAndRedactsTheRest()
    {
        // "AP" at image x 100-135 (30 px tall), a 35-px gap, then "ID:" from x 170 and the number: cut in the gap's middle.
        var words = new[] { Word("AP", 10, 70, 95), Word("ID:", 150, 80, 90), Word("32726397", 250, 300, 96) };

        var split = MarkerSplitter.TrySplit(Line(new PixelBox(100, 50, 290, 30)), new CandidateReading(words, 0, Frame), _classifier);

        Assert.NotNull(split);
        Assert.True(split.Marker.Right <= 152 && split.Marker.X >= 100, $"marker {split.Marker}");
        Assert.Equal(152, split.Rest.X);
        Assert.Equal(390, split.Rest.Right);
        Assert.Equal(["ID:", "32726397"], split.RestWords.Select(w => w.Text));
    }

    [Fact]
    public void TrySplit_MarkerAtTheEnd_IsSplitToo()
    {
        var words = new[] { Word("DOE", 10, 80, 95), Word("JOHN", 100, 100, 95), Word("R", 280, 30, 93) };

        var split = MarkerSplitter.TrySplit(Line(new PixelBox(100, 50, 160, 30)), new CandidateReading(words, 0, Frame), _classifier);

        Assert.NotNull(split);
        Assert.Equal(100, split.Rest.X);
        Assert.True(split.Marker.X >= split.Rest.Right);
    }

    [Fact]
    public void TrySplit_InitialAtAWordSpace_StaysInTheLine()
    {
        // "R DOE": the R is followed by an ordinary word space (8 px for 30-px glyphs): an initial, not a marker.
        var words = new[] { Word("R", 10, 30, 95), Word("DOE", 56, 80, 95) };

        Assert.Null(MarkerSplitter.TrySplit(Line(new PixelBox(100, 50, 70, 30)), new CandidateReading(words, 0, Frame), _classifier));
    }

    [Fact]
    public void TrySplit_UnsureMarkerOrRotatedReading_IsNotSplit()
    {
        var unsure = new[] { Word("AP", 10, 70, 60), Word("ID:", 150, 80, 90) };
        var sure = new[] { Word("AP", 10, 70, 95), Word("ID:", 150, 80, 90) };
        var box = new PixelBox(100, 50, 200, 30);

        Assert.Null(MarkerSplitter.TrySplit(Line(box), new CandidateReading(unsure, 0, Frame), _classifier));
        Assert.Null(MarkerSplitter.TrySplit(Line(box), new CandidateReading(sure, 90, null), _classifier));
    }

    [Fact]
    public void CropFrame_ToImage_InvertsScaleAndBorder()
    {
        var box = Frame.ToImage(new OcrWord("x", 30, 20, 40, 60, 90));

        Assert.Equal(new PixelBox(110, 55, 20, 30), box);
    }

    /// <summary>A word in crop coordinates whose image box is 30 px tall, at crop x <paramref name="x"/>.</summary>
    private static OcrWord Word(string text, int x, int width, float confidence) => new(text, x, 10, width, 60, confidence);

    private static TextCandidate Line(PixelBox box) => new()
    {
        Box = box, Polarity = TextPolarity.LightOnDark, Vertical = false, GlyphHeight = 30, GlyphCount = 10, Scale = 1,
    };
}
