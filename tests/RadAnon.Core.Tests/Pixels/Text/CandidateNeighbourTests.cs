using RadAnon.Core.Ocr;
using RadAnon.Core.Pixels.Text;

namespace RadAnon.Core.Tests.Pixels.Text;

/// <summary>
/// A candidate answers only for its own text: neighbouring lines are cleared from its OCR crop, and a marker with letters
/// of its polarity and size a letter-space away is part of a word, not a standalone marker.
/// </summary>
public sealed class CandidateNeighbourTests
{
    [Fact]
    public void Read_NeighbourInsideThePadding_IsClearedFromTheCrop()
    {
        // Two light "words" of 4-px strokes, 40 px tall, on black; the second starts 12 px after the first.
        const int width = 400, height = 160;
        var view = new byte[width * height];
        foreach (var x0 in new[] { 100, 112, 124, 136, 152, 164, 176 })
        {
            for (var y = 60; y < 100; y++)
            {
                view.AsSpan((y * width) + x0, 4).Fill(240);
            }
        }

        var own = Candidate(new PixelBox(100, 60, 40, 40));
        var neighbour = new PixelBox(152, 60, 28, 40);

        var alone = InkInCrop(own, view, width, height, null);
        var masked = InkInCrop(own, view, width, height, [neighbour]);

        // Without masking the crop's padding (half a glyph, 20 px) shows part of the neighbour's first stroke.
        Assert.True(alone > masked, $"ink without masking {alone}, with {masked}");
        Assert.True(masked > 0, "the candidate's own strokes stay");
    }

    [Fact]
    public void IsPartOfLine_MarkerLettersBesideRedactedLetters_IsPartOfAWord()
    {
        // "CC" read alone beside the redacted "A" of "ACC", 3 px apart.
        var marker = Item(new PixelBox(200, 100, 40, 30), RegionAction.Kept, TextCategory.Marker);
        var letter = Item(new PixelBox(180, 100, 17, 30), RegionAction.Redacted, TextCategory.OtherText);

        Assert.True(BurnedInTextCleaner.IsPartOfLine(marker, [marker, letter]));
    }

    [Fact]
    public void IsPartOfLine_MarkerAWordSpaceOrMoreAwayOrOfAnotherSize_StandsAlone()
    {
        var marker = Item(new PixelBox(200, 100, 40, 30), RegionAction.Kept, TextCategory.Marker);
        var farText = Item(new PixelBox(270, 100, 80, 30), RegionAction.Redacted, TextCategory.Name);
        var (smallCandidate, smallRegion) = Item(new PixelBox(243, 105, 80, 12), RegionAction.Redacted, TextCategory.Name);
        var smallText = (smallCandidate with { GlyphHeight = 12 }, smallRegion with { GlyphHeight = 12 });
        var keptNeighbour = Item(new PixelBox(243, 100, 30, 30), RegionAction.Kept, TextCategory.Marker);

        Assert.False(BurnedInTextCleaner.IsPartOfLine(marker, [marker, farText]));
        Assert.False(BurnedInTextCleaner.IsPartOfLine(marker, [marker, smallText]));
        Assert.False(BurnedInTextCleaner.IsPartOfLine(marker, [marker, keptNeighbour]));
    }

    private static long InkInCrop(TextCandidate candidate, byte[] view, int width, int height, IReadOnlyList<PixelBox>? neighbours)
    {
        var capture = new CapturingOcr();
        new CandidateReader(capture).Read(candidate, view, width, height, neighbours: neighbours);
        return capture.DarkPixels;
    }

    private static TextCandidate Candidate(PixelBox box) => new()
    {
        Box = box, Polarity = TextPolarity.LightOnDark, Vertical = false, GlyphHeight = box.Height, GlyphCount = 4, Scale = 1,
    };

    private static (TextCandidate Candidate, TextRegion Region) Item(PixelBox box, RegionAction action, TextCategory category) =>
        (Candidate(box) with { GlyphHeight = 30 }, new TextRegion
        {
            Box = box, Rotation = 0, Category = category, Action = action, Method = null, Confidence = 90, GlyphHeight = 30, PaintedBox = box,
        });

    /// <summary>Counts the dark (ink) pixels of the first crop it is given; reads nothing.</summary>
    private sealed class CapturingOcr : IOcr
    {
        public long DarkPixels { get; private set; } = -1;

        public string Version => "capture";

        public IReadOnlyList<OcrWord> Recognize(ReadOnlySpan<byte> gray8, int width, int height, int stride, OcrMode mode)
        {
            if (DarkPixels < 0)
            {
                long dark = 0;
                foreach (var v in gray8)
                {
                    dark += v < 128 ? 1 : 0;
                }

                DarkPixels = dark;
            }

            return [];
        }
    }
}
