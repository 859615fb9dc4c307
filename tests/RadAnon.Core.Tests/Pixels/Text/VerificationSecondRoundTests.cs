using RadAnon.Core.Ocr;
using RadAnon.Core.Pixels;
using RadAnon.Core.Pixels.Text;
using RadAnon.SyntheticData;
using static RadAnon.Core.Tests.Pixels.Text.BurnedInTextCleanerTests;

namespace RadAnon.Core.Tests.Pixels.Text;

/// <summary>
/// What verification does with identifying text the first pass missed: located residuals are painted and everything is
/// verified again; only what is still readable then refuses the image. A stub reader stands in for Tesseract so the
/// miss is certain: it reads the patient's name in every line crop, and, in sparse reads of surroundings, wherever a
/// solid white 18-px square lies (which the detector rejects as a blob, not a glyph).
/// </summary>
public sealed class VerificationSecondRoundTests
{
    private const string Family = "DOE";
    private static readonly PixelBox Square = new(212, 72, 18, 18);

    [Fact]
    public void Clean_ResidualFoundAroundARedaction_IsPaintedAndVerifiedAgain()
    {
        var image = ImageWithMissedText();

        var result = new BurnedInTextCleaner(new SquareReader()).Clean(image, new TextCleaningOptions(), ["DOE^JOHN"]);

        Assert.True(result.IsClean, result.Verification.Method);
        Assert.Contains("verified again", result.Verification.Method, StringComparison.Ordinal);
        Assert.Contains(result.Regions, r => r.Action == RegionAction.Redacted && r.PaintedBox!.Value.Intersect(Square) == Square);
        Assert.True(result.Image[Square.X + 9, Square.Y + 9] < 200, "the square is painted over");
        Assert.Equal(image.Width, result.Image.Width);
        Assert.Equal(image.Height, result.Image.Height);
    }

    [Fact]
    public void Clean_ResidualStillReadableAfterTheSecondRound_IsRefused()
    {
        // A reader that finds the name in every sparse read, painted or not: the second verification still finds it.
        var image = ImageWithMissedText();

        Assert.Throws<ResidualTextException>(() => new BurnedInTextCleaner(new SquareReader(always: true)).Clean(image, new TextCleaningOptions(), ["DOE^JOHN"]));
    }

    [Fact]
    public void Clean_LineCutByTheRedactionAboveIt_IsPaintedWhole()
    {
        // Synthetic seed 540 after a JPEG round trip: an accession number in a white backing box sits right under a big
        // light date. The first pass took the number as part of the date's dark echo (silenced unread once the date was
        // read) and painted over only its top fifth, where the date's margin reached; OCR could not read the rest, a
        // person could. Verification now reads every line touching a painting and paints a cut one whole.
        var c = RadiographGenerator.Generate(540, new GeneratorOptions { BitsStored = 8 });
        c = c with { Image = SyntheticFiles.JpegRoundTrip(c.Image) };
        using var ocr = new TesseractOcr();

        var result = new BurnedInTextCleaner(ocr).Clean(c.Image, new TextCleaningOptions { Force = true }, c.HeaderValues);
        var score = new SyntheticEvaluation();
        score.Add(c, result);

        Assert.True(score.Recall == 1, string.Join("; ", score.Misses));
        Assert.True(result.IsClean, result.Verification.Method);
    }

    /// <summary>A line the detector finds, and below it, within its surroundings but outside its painting, the square.</summary>
    private static GrayImage ImageWithMissedText()
    {
        var image = Blank(400, 200, 40);
        Stamp(image, "JOHN DOE 1951", 40, 40, 20, light: true);
        for (var y = Square.Y; y < Square.Bottom; y++)
        {
            for (var x = Square.X; x < Square.Right; x++)
            {
                image[x, y] = 255;
            }
        }

        return image;
    }

    private sealed class SquareReader(bool always = false) : IOcr
    {
        public string Version => "stub";

        public IReadOnlyList<OcrWord> Recognize(ReadOnlySpan<byte> gray8, int width, int height, int stride, OcrMode mode)
        {
            if (mode != OcrMode.SparseText)
            {
                return [new OcrWord(Family, 0, 0, Math.Min(width, 40), Math.Min(height, 12), 95)];
            }

            for (var y = 0; y + 18 <= height; y++)
            {
                for (var x = 0; x + 18 <= width; x++)
                {
                    if (gray8[(y * stride) + x] == 255 && gray8[((y + 17) * stride) + x + 17] == 255 && gray8[((y + 9) * stride) + x + 9] == 255)
                    {
                        return [new OcrWord(Family, x, y, 18, 18, 95)];
                    }
                }
            }

            return always ? [new OcrWord(Family, 0, 0, Math.Min(width, 12), Math.Min(height, 12), 95)] : [];
        }
    }
}
