using RadAnon.Core.Pixels.Text;

namespace RadAnon.Core.Tests.Pixels.Text;

/// <summary>
/// Smooth anatomy against drawn glyphs, on 8-bit views with noise: an elongated dome like a bone shadow (ramping over
/// ~20 px) is soft; the same shape with a drawn edge, anti-aliased strokes, or one drawn glyph inside the dome is not.
/// </summary>
public sealed class EdgeCueTests
{
    private const int Width = 400;
    private const int Height = 200;
    private const int MinContrast = 24;
    private const int StrokeContrast = 48;
    private static readonly PixelBox Box = new(60, 40, 280, 120);

    [Fact]
    public void IsSoft_BoneLikeDome_IsSoft()
    {
        var view = Dome(ramp: 20);

        Assert.True(EdgeCue.IsSoft(Box, view, Width, Height, glyphHeight: 110, MinContrast, StrokeContrast, []));
    }

    [Fact]
    public void IsSoft_EllipsoidShadowWithSteepRim_IsSoft()
    {
        // The shadow of an ellipsoid, 60 levels thick at its axis: the profile sqrt(1 - q) is steepest at the rim, but
        // the rim's step is small beside the shadow's rise and below a stroke's contrast.
        var view = Background(100);
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var u = (x - 200) / 120.0;
                var v = (y - 100) / 40.0;
                var q = (u * u) + (v * v);
                view[(y * Width) + x] = (byte)(view[(y * Width) + x] + (q < 1 ? 60 * Math.Sqrt(1 - q) : 0));
            }
        }

        Assert.True(EdgeCue.IsSoft(Box, view, Width, Height, glyphHeight: 110, MinContrast, StrokeContrast, []));
    }

    [Fact]
    public void IsSoft_SameShapeWithDrawnEdge_IsNotSoft()
    {
        var view = Dome(ramp: 0);

        Assert.False(EdgeCue.IsSoft(Box, view, Width, Height, glyphHeight: 110, MinContrast, StrokeContrast, []));
    }

    [Fact]
    public void IsSoft_DomeWithOneDrawnGlyphInside_IsNotSoft()
    {
        // One 40-px "I" (a 6-px bar) on the dome: a drawn glyph anywhere in the box vetoes softness.
        var view = Dome(ramp: 20);
        Fill(view, new PixelBox(200, 80, 6, 40), 250);

        Assert.False(EdgeCue.IsSoft(Box, view, Width, Height, glyphHeight: 110, MinContrast, StrokeContrast, []));
    }

    [Fact]
    public void IsSoft_DomeWithAGlyphAnotherReadingExplains_IsSoft()
    {
        // The glyph lies inside a box another reading accounts for (a kept marker, a line painted anyway).
        var view = Dome(ramp: 20);
        Fill(view, new PixelBox(200, 80, 6, 40), 250);

        Assert.True(EdgeCue.IsSoft(Box, view, Width, Height, glyphHeight: 110, MinContrast, StrokeContrast, [new PixelBox(196, 76, 14, 48)]));
    }

    [Fact]
    public void IsSoft_SliverOfAGlyphOutsideTheExplainedBox_IsNotSoft()
    {
        // A small glyph on a flat background whose right edge pokes 3 px out of the explained box, in a large candidate:
        // far less edge than a glyph outline of the candidate's height, yet unpainted text unless this region is painted.
        var view = Background(100);
        Fill(view, new PixelBox(200, 80, 12, 10), 230);

        Assert.False(EdgeCue.IsSoft(Box, view, Width, Height, glyphHeight: 60, MinContrast, StrokeContrast, [new PixelBox(190, 70, 19, 30)]));
    }

    [Fact]
    public void IsSoft_DomeBesideAStraightCollimationEdge_IsSoft()
    {
        // A collimation border crosses the whole image: as steep as a drawn edge, but longer than any glyph's stroke.
        var view = Dome(ramp: 20);
        Fill(view, new PixelBox(0, 0, 110, Height), 15);

        Assert.True(EdgeCue.IsSoft(Box, view, Width, Height, glyphHeight: 60, MinContrast, StrokeContrast, []));
    }

    [Fact]
    public void IsSoft_DomeBesideASlightlyTurnedEdge_IsSoft()
    {
        // The border drifts a pixel every 20 rows (a collimator turned by about 3 degrees) and meets a horizontal one at a
        // corner inside the box, where neither edge runs on past the other.
        var view = Dome(ramp: 20);
        for (var y = 0; y < Height; y++)
        {
            Fill(view, new PixelBox(0, y, 100 + (y / 20), 1), 15);
        }

        Fill(view, new PixelBox(0, 150, Width, Height - 150), 15);

        Assert.True(EdgeCue.IsSoft(Box, view, Width, Height, glyphHeight: 60, MinContrast, StrokeContrast, []));
    }

    [Fact]
    public void IsSoft_StraightEdgesOnTheImageBorder_AreMeasuredInsideTheImage()
    {
        // Borders one pixel in from every side of the image, judged over the whole image (a small ultrasound frame
        // threw out of range here before the step was measured inside the image).
        var view = Dome(ramp: 20);
        Fill(view, new PixelBox(0, 0, 1, Height), 0);
        Fill(view, new PixelBox(Width - 1, 0, 1, Height), 0);
        Fill(view, new PixelBox(0, 0, Width, 1), 0);
        Fill(view, new PixelBox(0, Height - 1, Width, 1), 0);

        Assert.True(EdgeCue.IsSoft(new PixelBox(0, 0, Width, Height), view, Width, Height, glyphHeight: 60, MinContrast, StrokeContrast, []));
    }

    [Fact]
    public void IsSoft_GlyphStrokeAsLongAsTheGlyph_IsNotAStraightEdge()
    {
        // A 60-px stem of a 60-px glyph, and one on a collimation border: strokes end within a glyph, so both count.
        var view = Dome(ramp: 20);
        Fill(view, new PixelBox(200, 70, 6, 60), 250);
        Assert.False(EdgeCue.IsSoft(Box, view, Width, Height, glyphHeight: 60, MinContrast, StrokeContrast, []));

        view = Dome(ramp: 20);
        Fill(view, new PixelBox(0, 0, 110, Height), 15);
        Fill(view, new PixelBox(110, 70, 6, 60), 250);
        Assert.False(EdgeCue.IsSoft(Box, view, Width, Height, glyphHeight: 60, MinContrast, StrokeContrast, []));
    }

    [Fact]
    public void IsSoft_AntiAliasedStrokes_AreNotSoft()
    {
        // Bars 30 px tall whose edge columns carry half the ink, as a rasteriser's anti-aliasing draws them.
        var view = Background(90);
        for (var x = 80; x < 320; x += 24)
        {
            Fill(view, new PixelBox(x, 70, 1, 30), 150);
            Fill(view, new PixelBox(x + 1, 70, 5, 30), 210);
            Fill(view, new PixelBox(x + 6, 70, 1, 30), 150);
        }

        Assert.False(EdgeCue.IsSoft(Box, view, Width, Height, glyphHeight: 30, MinContrast, StrokeContrast, []));
    }

    [Fact]
    public void IsSoft_SmallGlyphHeightOrLowContrast_IsNeverJudged()
    {
        var view = Dome(ramp: 20);

        Assert.False(EdgeCue.IsSoft(Box, view, Width, Height, glyphHeight: EdgeCue.MinGlyphHeight - 1, MinContrast, StrokeContrast, []));
        Assert.False(EdgeCue.IsSoft(Box, view, Width, Height, glyphHeight: 110, minContrast: 200, strokeContrast: 200, explained: []));
    }

    /// <summary>An ellipse 240x80 centred in the box, 90 levels above a 100 background, rising over <paramref name="ramp"/> px.</summary>
    private static byte[] Dome(int ramp)
    {
        var view = Background(100);
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                // Distance inside the ellipse's edge, roughly in pixels along the short axis.
                var u = (x - 200) / 120.0;
                var v = (y - 100) / 40.0;
                var inside = (1 - Math.Sqrt((u * u) + (v * v))) * 40;
                var level = ramp == 0 ? (inside > 0 ? 1.0 : 0.0) : Math.Clamp(inside / ramp, 0, 1);
                view[(y * Width) + x] = (byte)Math.Clamp(view[(y * Width) + x] + (90 * level), 0, 255);
            }
        }

        return view;
    }

    /// <summary>A flat field with ±3 levels of seeded noise, as a CR's background has.</summary>
    private static byte[] Background(byte level)
    {
        var random = new Random(7);
        var view = new byte[Width * Height];
        for (var i = 0; i < view.Length; i++)
        {
            view[i] = (byte)(level + random.Next(-3, 4));
        }

        return view;
    }

    private static void Fill(byte[] view, PixelBox box, byte value) => DrawnView.Fill(view, Width, box, value);
}
