namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// Tells an unread candidate that is a patch of texture (trabeculae, film grain, anatomy speckle pushed to the display's
/// limits by a narrow window) from text: burned-in text stands out from its surroundings, so the band around a line holds
/// far less ink of the line's polarity than the line itself on at least two sides (text beside an anatomy edge has texture on
/// one side only), while texture continues on all sides or all but one. Neighbouring lines of
/// the same block (parallel, about the same glyph height, side by side) are masked out of the band, so a block of
/// unreadable text still counts as text, and so are lines read as text nearby.
/// </summary>
internal static class TextureCue
{
    private static readonly TextThresholds.CueThresholds Thresholds = TextThresholds.Default.Cues;

    /// <summary>Four sides of a box: above, below, left, right.</summary>
    private const int Sides = 4;

    /// <summary>The ink threshold for an image's noise: half the detector's least stroke contrast.</summary>
    public static int InkThreshold(double noise)
    {
        var detection = TextThresholds.Default.Detection;
        return Math.Max(detection.MinStrokeContrast / 2, (int)Math.Ceiling(detection.StrokeNoiseFactor / 2 * noise));
    }

    /// <param name="threshold">The contrast (8-bit levels) at which a pixel of the hat response counts as ink.</param>
    /// <param name="readText">Boxes of nearby candidates that were read as text: left out of the band.</param>
    public static bool IsTexture(TextCandidate candidate, IReadOnlyList<TextCandidate> all, IReadOnlyList<PixelBox> readText, byte[] view, int width, int height, int threshold)
    {
        var (boxInk, sides) = InkDensities(candidate, all, readText, view, width, height, threshold);
        var measured = sides.Where(s => !double.IsNaN(s)).ToList();
        var t = Thresholds;
        var inky = measured.Count(s => s >= t.MinSurroundInk && s >= t.SurroundShare * boxInk);
        return measured.Count >= t.MinTexturedSides && inky >= measured.Count - 1 && inky >= t.MinTexturedSides;
    }

    /// <summary>Ink density inside the box, and in the band above, below, left and right of it (NaN where the band is empty).</summary>
    internal static (double Box, double[] Sides) InkDensities(
        TextCandidate candidate, IReadOnlyList<TextCandidate> all, IReadOnlyList<PixelBox> readText, byte[] view, int width, int height, int threshold)
    {
        var box = candidate.Box;
        var band = Math.Max(Thresholds.MinBand, candidate.GlyphHeight);
        var radius = TextThresholds.Default.Detection.HatRadius * candidate.Scale;
        var outer = box.Inflate(band, width, height);
        var area = outer.Inflate(radius + 1, width, height);
        var crop = new byte[area.Width * area.Height];
        for (var y = 0; y < area.Height; y++)
        {
            view.AsSpan(((area.Y + y) * width) + area.X, area.Width).CopyTo(crop.AsSpan(y * area.Width, area.Width));
        }

        var hat = candidate.Polarity == TextPolarity.LightOnDark
            ? Morphology.TopHat(crop, area.Width, area.Height, radius)
            : Morphology.BlackHat(crop, area.Width, area.Height, radius);

        var masked = all.Where(o => !ReferenceEquals(o, candidate) && IsSiblingLine(candidate, o)).Select(o => o.Box)
            .Concat(readText).Where(b => b.Intersects(outer)).ToList();
        long boxPixels = 0, boxInk = 0;
        var pixels = new long[Sides];
        var ink = new long[Sides];
        for (var y = outer.Y; y < outer.Bottom; y++)
        {
            for (var x = outer.X; x < outer.Right; x++)
            {
                var on = hat[((y - area.Y) * area.Width) + (x - area.X)] >= threshold ? 1 : 0;
                if (x >= box.X && x < box.Right && y >= box.Y && y < box.Bottom)
                {
                    boxPixels++;
                    boxInk += on;
                }
                else if (!masked.Any(s => s.Contains(x, y)))
                {
                    // Above and below take the corners; left and right only the box's rows.
                    var side = y < box.Y ? 0 : y >= box.Bottom ? 1 : x < box.X ? 2 : Sides - 1;
                    pixels[side]++;
                    ink[side] += on;
                }
            }
        }

        var sides = Enumerable.Range(0, Sides).Select(i => pixels[i] < band ? double.NaN : ink[i] / (double)pixels[i]).ToArray();
        return (boxInk / (double)Math.Max(1, boxPixels), sides);
    }

    /// <summary>Another line of the same block: same polarity and direction, similar glyphs, overlapping along the line.</summary>
    private static bool IsSiblingLine(TextCandidate c, TextCandidate o)
    {
        if (o.Polarity != c.Polarity || o.Vertical != c.Vertical || o.GlyphCount < 2 || c.GlyphCount < 2)
        {
            return false;
        }

        if (Math.Max(o.GlyphHeight, c.GlyphHeight) > Thresholds.SiblingMaxSizeRatio * Math.Min(o.GlyphHeight, c.GlyphHeight))
        {
            return false;
        }

        var (a0, a1, b0, b1) = c.Vertical
            ? (c.Box.Y, c.Box.Bottom, o.Box.Y, o.Box.Bottom)
            : (c.Box.X, c.Box.Right, o.Box.X, o.Box.Right);
        var overlap = Math.Min(a1, b1) - Math.Max(a0, b0);
        return overlap * 2 >= Math.Min(a1 - a0, b1 - b0);
    }
}
