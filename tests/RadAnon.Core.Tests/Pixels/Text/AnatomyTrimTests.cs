using RadAnon.Core.Ocr;
using RadAnon.Core.Pixels.Text;

namespace RadAnon.Core.Tests.Pixels.Text;

/// <summary>
/// Cutting a confidently read line to its words' box, on drawn 8-bit views: a line of 40-px bars (the "text") with a
/// candidate box that also took in 60 px above it, where a smooth dome (a bone shadow) or a drawn glyph lies.
/// </summary>
public sealed class AnatomyTrimTests
{
    private const int Width = 500;
    private const int Height = 260;
    private const int GlyphHeight = 40;
    private const int MinContrast = 24;
    private const int StrokeContrast = 48;
    private static readonly PixelBox TextBox = new(100, 150, 300, GlyphHeight);
    private static readonly PixelBox Candidate = new(100, 90, 300, 100);

    [Fact]
    public void ToWords_SmoothShadowAboveTheWords_IsCutAway()
    {
        var view = Scene();
        AddDome(view, centreY: 110);

        var trimmed = AnatomyTrim.ToWords(Line(), Reading(), view, Width, Height, MinContrast, StrokeContrast);

        // The words' band with a few pixels of slack across the line; along it the words fill the box already.
        Assert.NotNull(trimmed);
        Assert.Equal(Candidate.X, trimmed.Value.X);
        Assert.Equal(Candidate.Width, trimmed.Value.Width);
        Assert.InRange(trimmed.Value.Y, TextBox.Y - 8, TextBox.Y);
        Assert.InRange(trimmed.Value.Bottom, TextBox.Bottom, TextBox.Bottom + 8);
    }

    [Fact]
    public void ToWords_DrawnGlyphAboveTheWords_KeepsTheWholeBox()
    {
        // A glyph the reading did not report (a second line's letter) lies in the strip: the box stays whole.
        var view = Scene();
        AddDome(view, centreY: 110);
        Fill(view, new PixelBox(240, 100, 6, 30), 250);

        Assert.Null(AnatomyTrim.ToWords(Line(), Reading(), view, Width, Height, MinContrast, StrokeContrast));
    }

    [Fact]
    public void ToWords_VerticalOrUnplacedReadings_AreNeverCut()
    {
        var view = Scene();
        AddDome(view, centreY: 110);

        Assert.Null(AnatomyTrim.ToWords(Line() with { Vertical = true }, Reading(), view, Width, Height, MinContrast, StrokeContrast));
        Assert.Null(AnatomyTrim.ToWords(Line(), Reading() with { Frame = null }, view, Width, Height, MinContrast, StrokeContrast));
        Assert.Null(AnatomyTrim.ToWords(Line(), Reading() with { Words = [] }, view, Width, Height, MinContrast, StrokeContrast));
    }

    private static TextCandidate Line() => new()
    {
        Box = Candidate, Polarity = TextPolarity.LightOnDark, Vertical = false, GlyphHeight = GlyphHeight, GlyphCount = 8, Scale = 1,
    };

    /// <summary>One word over the text bars, placed through a crop frame of scale 1 and a 12-px border.</summary>
    private static CandidateReading Reading()
    {
        var frame = new CropFrame(OriginX: 80, OriginY: 70, Scale: 1, Border: 12);
        var word = new OcrWord("WORD", TextBox.X - 80 + 12, TextBox.Y - 70 + 12, TextBox.Width, TextBox.Height, 95);
        return new CandidateReading([word], 0, frame);
    }

    /// <summary>A 100-level field with ±3 of seeded noise and the text: 6-px bars of ink 230, 14 px apart.</summary>
    private static byte[] Scene()
    {
        var random = new Random(11);
        var view = new byte[Width * Height];
        for (var i = 0; i < view.Length; i++)
        {
            view[i] = (byte)(100 + random.Next(-3, 4));
        }

        for (var x = TextBox.X; x + 6 <= TextBox.Right; x += 14)
        {
            Fill(view, new PixelBox(x, TextBox.Y, 6, TextBox.Height), 230);
        }

        return view;
    }

    /// <summary>An elongated dome 70 levels high rising over ~20 px, like a bone's shadow, centred at row <paramref name="centreY"/>.</summary>
    private static void AddDome(byte[] view, int centreY)
    {
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var u = (x - 250) / 180.0;
                var v = (y - centreY) / 30.0;
                var inside = (1 - Math.Sqrt((u * u) + (v * v))) * 30;
                var level = Math.Clamp(inside / 20, 0, 1);
                view[(y * Width) + x] = (byte)Math.Clamp(view[(y * Width) + x] + (70 * level), 0, 255);
            }
        }
    }

    private static void Fill(byte[] view, PixelBox box, byte value) => DrawnView.Fill(view, Width, box, value);
}
