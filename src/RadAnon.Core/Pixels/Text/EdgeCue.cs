using System.Runtime.CompilerServices;

namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// Tells a patch of smooth anatomy (a bone end, overlapping soft-tissue shadows: domes that rise over tens of pixels)
/// from burned-in text: text is drawn by software, so a glyph's edge goes from background to ink within a pixel or two
/// at any glyph size, while anatomy, smoothed by the X-ray focal spot and scatter, ramps over many. A region is soft
/// when hardly any pixel in it has a gradient steep enough for a drawn edge of its contrast; a few pixels of one drawn
/// stroke anywhere in the box veto that, so a soft box never hides text.
/// </summary>
internal static class EdgeCue
{
    private static readonly TextThresholds.CueThresholds Thresholds = TextThresholds.Default.Cues;

    /// <summary>Smallest glyph height the cue judges (<see cref="TextThresholds.CueThresholds.EdgeMinGlyphHeight"/>).</summary>
    public static int MinGlyphHeight => Thresholds.EdgeMinGlyphHeight;

    /// <summary>Boxes thinner than this are not judged (<see cref="TextThresholds.CueThresholds.EdgeMinSide"/>).</summary>
    public static int MinSide => Thresholds.EdgeMinSide;

    /// <summary>
    /// True when the box has fewer than <see cref="TextThresholds.CueThresholds.EdgePixels"/> drawn-edge pixels outside
    /// the explained boxes at the half-glyph scale, and less than a glyph's height of them at the stroke scale. Not a
    /// glyph's worth at the first: the rest of a glyph may lie in an explained box (painted by a line beside it), and what
    /// is outside must still be painted. A pixel is on a drawn edge when it rises by
    /// <see cref="TextThresholds.CueThresholds.SharpShare"/> of the range around it:
    /// <list type="bullet">
    /// <item>over half a glyph, where that range reaches <paramref name="minContrast"/> (8-bit levels, so noise never
    /// counts): text on a flat background, or any drawn edge against everything within half a glyph;</item>
    /// <item>over a few pixels, where that range reaches <paramref name="strokeContrast"/> (the least stroke contrast the
    /// detector accepts): a glyph drawn on a bright bone, whose step is small beside the bone's own rise. Crossing bone
    /// rims reach this scale too, in short runs, so it takes a glyph's outline rather than a sliver.</item>
    /// </list>
    /// </summary>
    /// <param name="explained">Boxes whose pixels are not judged: other readings account for them.</param>
    public static bool IsSoft(
        PixelBox box, byte[] view, int width, int height, int glyphHeight, int minContrast, int strokeContrast, IReadOnlyList<PixelBox> explained)
    {
        if (glyphHeight < MinGlyphHeight || box.Width < MinSide || box.Height < MinSide)
        {
            return false;
        }

        var (glyphScale, strokeScale, judged) = SharpEdgePixels(
            box, view, width, height, minContrast, strokeContrast, glyphHeight, explained.Where(e => e.Intersects(box)).ToList());

        // Nothing with the contrast of a stroke anywhere in the box: nothing to judge, so not called soft (fail closed).
        return judged && glyphScale < Thresholds.EdgePixels && strokeScale < glyphHeight;
    }

    /// <summary>
    /// Pixels of the box on a drawn edge outside <paramref name="explained"/> at each scale (counting stops once either
    /// makes the box not soft), and whether any pixel of the box, explained or not, had the contrast to be judged. Slopes
    /// are taken on the 3x3 mean, which keeps noise from passing for edges.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int GlyphScale, int StrokeScale, bool Judged) SharpEdgePixels(
        PixelBox box, byte[] view, int width, int height, int minContrast, int strokeContrast, int glyphHeight, List<PixelBox> explained)
    {
        // Half a glyph: a stroke's edge and the ink beside it, or all of a dome's rise (see SharpShare).
        var t = Thresholds;
        var radius = Math.Max(t.StrokeRadius, t.GlyphWindowShare.Of(glyphHeight));
        var area = box.Inflate(radius + 2, width, height);
        var w = area.Width;
        var h = area.Height;
        var mean = Mean3(view, width, area);
        var high = Morphology.Dilate(mean, w, h, radius);
        var low = Morphology.Erode(mean, w, h, radius);
        var strokeHigh = Morphology.Dilate(mean, w, h, t.StrokeRadius);
        var strokeLow = Morphology.Erode(mean, w, h, t.StrokeRadius);
        var (sharpShare, edgePixels) = (t.SharpShare, t.EdgePixels);
        var (glyphScale, strokeScale) = (0, 0);
        var judged = false;
        for (var y = Math.Max(1, box.Y - area.Y); y < Math.Min(h - 1, box.Bottom - area.Y); y++)
        {
            for (var x = Math.Max(1, box.X - area.X); x < Math.Min(w - 1, box.Right - area.X); x++)
            {
                var i = (y * w) + x;
                var range = high[i] - low[i];
                if (range < minContrast)
                {
                    continue;
                }

                // Contrast inside an explained box is judged as well: what it shows is accounted for, and if the rest
                // of the box is flat the region holds nothing else (the far side of a reading next to a kept marker).
                judged = true;
                if (IsInside(explained, area.X + x, area.Y + y))
                {
                    continue;
                }

                var gx = mean[i + 1] - mean[i - 1];
                var gy = mean[i + w] - mean[i - w];
                var slope2 = (gx * gx) + (gy * gy);
                var strokeRange = strokeHigh[i] - strokeLow[i];
                var glyphSharp = IsSharp(slope2, range, sharpShare);
                var strokeSharp = !glyphSharp && strokeRange >= strokeContrast && IsSharp(slope2, strokeRange, sharpShare);
                if ((glyphSharp || strokeSharp) && IsOnLongStraightEdge(view, width, height, area.X + x, area.Y + y, gx, gy, glyphHeight))
                {
                    continue;
                }

                glyphScale += glyphSharp ? 1 : 0;
                strokeScale += strokeSharp ? 1 : 0;

                if (glyphScale >= edgePixels || strokeScale >= glyphHeight)
                {
                    return (glyphScale, strokeScale, true);
                }
            }
        }

        return (glyphScale, strokeScale, judged);
    }

    /// <summary>
    /// True when the edge through (x, y) runs on straight, along a row or a column, for a few glyph heights
    /// (<see cref="TextThresholds.CueThresholds.StraightEdgeGlyphs"/>): a collimation border, the side of a backing strip
    /// or a ruler, none of which is a glyph (no stroke of a glyph is that long) and all of which are as steep as one. The
    /// edge may drift a pixel every <see cref="TextThresholds.CueThresholds.DriftRun"/> (a slightly turned collimator); at
    /// every step of the run the view must still step the same way by half the step at (x, y). Where the gradient leans
    /// neither way (the corner where two borders meet) either run will do.
    /// </summary>
    private static bool IsOnLongStraightEdge(byte[] view, int width, int height, int x, int y, int gx, int gy, int glyphHeight)
    {
        var (ax, ay) = (Math.Abs(gx), Math.Abs(gy));
        var length = Thresholds.StraightEdgeGlyphs * glyphHeight;
        return (ay < 2 * ax && RunsOn(view, width, height, x, y, alongColumn: true, Math.Sign(gx), length))
            || (ax < 2 * ay && RunsOn(view, width, height, x, y, alongColumn: false, Math.Sign(gy), length));
    }

    /// <summary>Whether an edge rising in direction <paramref name="sign"/> runs through (x, y) for more than <paramref name="length"/>.</summary>
    private static bool RunsOn(byte[] view, int width, int height, int x, int y, bool alongColumn, int sign, int length)
    {
        var (extent, position, across, acrossExtent) = alongColumn ? (height, y, x, width) : (width, x, y, height);
        var span = Thresholds.EdgeSpan;
        if (acrossExtent < 2 * (span + 1))
        {
            return false;
        }

        // An edge at the image's border is measured a few pixels in: the step's span must stay inside the image.
        across = Math.Clamp(across, span, acrossExtent - span - 1);
        var need = Math.Abs(Step(view, width, alongColumn, position, across)) / 2;
        if (need == 0)
        {
            return false;
        }

        // The run through (x, y) either way, so an edge that ends at a corner of the field still counts as a whole.
        var run = 1;
        foreach (var direction in (ReadOnlySpan<int>)[1, -1])
        {
            for (var t = position + direction; t >= 0 && t < extent && run <= length; t += direction, run++)
            {
                if (!EdgeNear(view, width, alongColumn, t, across, acrossExtent, 1 + (Math.Abs(t - position) / Thresholds.DriftRun), sign, need))
                {
                    break;
                }
            }
        }

        return run > length;
    }

    /// <summary>Whether the view steps by <paramref name="need"/> in the edge's direction within a drift of the edge.</summary>
    private static bool EdgeNear(byte[] view, int width, bool alongColumn, int along, int across, int acrossExtent, int drift, int sign, int need)
    {
        for (var k = 0; k <= 2 * drift; k++)
        {
            // Nearest offsets first: 0, -1, 1, -2, 2 ...
            var d = k % 2 == 1 ? -(k + 1) / 2 : k / 2;
            var a = Math.Clamp(across + d, Thresholds.EdgeSpan, acrossExtent - Thresholds.EdgeSpan - 1);
            var step = Step(view, width, alongColumn, along, a);
            if (Math.Sign(step) == sign && Math.Abs(step) >= need)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The view's rise across an edge at <paramref name="along"/>, <see cref="TextThresholds.CueThresholds.EdgeSpan"/> pixels to each side.</summary>
    private static int Step(byte[] view, int width, bool alongColumn, int along, int across)
    {
        var span = Thresholds.EdgeSpan;
        return alongColumn
            ? view[(along * width) + across + span] - view[(along * width) + across - span]
            : view[((across + span) * width) + along] - view[((across - span) * width) + along];
    }

    /// <summary>Pixels in the 3x3 window of the mean.</summary>
    private const int MeanWindow = 9;

    /// <summary>The 3x3 mean of the area (its outermost ring copied as it is).</summary>
    private static byte[] Mean3(byte[] view, int width, PixelBox area)
    {
        var (w, h) = (area.Width, area.Height);
        var mean = new byte[w * h];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var (iy, ix) = (area.Y + y, area.X + x);
                if (y == 0 || x == 0 || y == h - 1 || x == w - 1)
                {
                    mean[(y * w) + x] = view[(iy * width) + ix];
                    continue;
                }

                var s = 0;
                for (var dy = -1; dy <= 1; dy++)
                {
                    var row = ((iy + dy) * width) + ix;
                    s += view[row - 1] + view[row] + view[row + 1];
                }

                mean[(y * w) + x] = (byte)((s + (MeanWindow / 2)) / MeanWindow);
            }
        }

        return mean;
    }

    private static bool IsInside(List<PixelBox> boxes, int x, int y)
    {
        foreach (var b in boxes)
        {
            if (b.Contains(x, y))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Slope per pixel = |central difference| / 2, compared in squares to stay in integers.</summary>
    private static bool IsSharp(int centralDifference2, int range, double sharpShare)
    {
        var limit = 2 * sharpShare * range;
        return centralDifference2 >= limit * limit;
    }
}
