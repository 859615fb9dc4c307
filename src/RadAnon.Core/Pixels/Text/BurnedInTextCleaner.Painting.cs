namespace RadAnon.Core.Pixels.Text;

// Where a redacted region is painted: margins by glyph height, lines followed along their ink, kept markers spared.
public sealed partial class BurnedInTextCleaner
{
    /// <summary>
    /// The painted box grows with glyph height: a quarter glyph across the line, and most of a glyph along it, where
    /// a thin first or last character (I, 1, a colon) may have missed the line grouping. Small text gets more along the
    /// line: at that size a short label before a number ("ID:") or an end character is often left out of the line by a
    /// wider gap, and the extra strip costs few pixels.
    /// </summary>
    /// <param name="read">
    /// The line was read: a found end of small text keeps most of a glyph's margin (an unread line may be speckle, whose
    /// found ends need nothing more).
    /// </param>
    internal static PixelBox Painted(TextCandidate c, int width, int height, bool startFound = false, bool endFound = false, bool read = false)
    {
        var across = AcrossMargin(c.GlyphHeight);
        var t = Painting;
        var small = c.GlyphHeight <= t.SmallTextMaxGlyph;
        var along = AlongMargin(c.GlyphHeight) + (small ? t.SmallTextExtraAlongShare.Of(c.GlyphHeight) : 0);

        // Where the line was followed to its end over a clean background (LineContinuation), nothing of it lies beyond:
        // that end needs only the margin across the line. Small text that was read keeps most of a glyph there: a thin
        // serif I at 8 px is fainter than the walk's ink and was left standing a few pixels before its line's found start.
        var found = read && small ? AlongMargin(c.GlyphHeight) : across;
        var (alongBefore, alongAfter) = (startFound ? found : along, endFound ? found : along);
        var (left, top, right, bottom) = c.Vertical ? (across, alongBefore, across, alongAfter) : (alongBefore, across, alongAfter, across);
        var x0 = Math.Max(0, c.Box.X - left);
        var y0 = Math.Max(0, c.Box.Y - top);
        return new PixelBox(x0, y0, Math.Min(width, c.Box.Right + right) - x0, Math.Min(height, c.Box.Bottom + bottom) - y0);
    }

    /// <summary>What any painting of a redacted line covers: its box and the margin across it, on every side.</summary>
    internal static PixelBox SurelyPainted(TextRegion region, int width, int height) =>
        region.Box.Inflate(AcrossMargin(region.GlyphHeight), width, height);

    /// <summary>The painting's margin across a line (the least margin on any side): a quarter glyph.</summary>
    private static int AcrossMargin(int glyphHeight) => Painting.MarginPixels + Painting.AcrossMarginShare.Of(glyphHeight);

    /// <summary>The painting's margin along a line, before any extra for small text: most of a glyph.</summary>
    private static int AlongMargin(int glyphHeight) => Painting.MarginPixels + Painting.AlongMarginShare.Of(glyphHeight);

    /// <summary>
    /// A redacted line that runs into a kept region (a rotated institution name crossing a big SUPINE marker, found by
    /// the browser tests) is painted on through it along its reading direction: the part of the line inside the kept
    /// box was grouped with the marker and would otherwise survive. The marker loses a thin strip; nothing leaks.
    /// </summary>
    internal static void ExtendThroughKeptRegions(List<TextRegion> regions)
    {
        var kept = regions.Where(r => r.Action == RegionAction.Kept && !r.SplitFromLine).Select(r => r.Box).ToList();
        if (kept.Count == 0)
        {
            return;
        }

        for (var i = 0; i < regions.Count; i++)
        {
            if (regions[i] is { Action: RegionAction.Redacted, PaintedBox: { } painted } region
                && GrownThroughKept(region, painted, kept) is var grown && grown != painted)
            {
                regions[i] = region with { PaintedBox = grown };
            }
        }
    }

    /// <summary>A redacted line's painted box grown along its reading direction through every kept box it runs into, until none adds more.</summary>
    private static PixelBox GrownThroughKept(TextRegion region, PixelBox painted, List<PixelBox> kept)
    {
        var vertical = region.Rotation is 90 or 270 || (region.Rotation == 0 && region.Box.Height > region.Box.Width * 2);
        var gap = Math.Max(region.GlyphHeight, Rules.MarkerGapMinGlyph);
        var spanning = kept.Where(k => SpansBand(k, region.Box, vertical)).ToList();
        var grown = painted;
        bool changed;
        do
        {
            changed = false;
            foreach (var k in spanning)
            {
                var crosses = vertical
                    ? k.X < grown.Right && k.Right > grown.X && k.Y <= grown.Bottom + gap && k.Bottom >= grown.Y - gap
                    : k.Y < grown.Bottom && k.Bottom > grown.Y && k.X <= grown.Right + gap && k.Right >= grown.X - gap;
                var next = crosses ? ExtendedAlong(grown, k, vertical) : grown;
                changed |= next != grown;
                grown = next;
            }
        }
        while (changed);

        return grown;
    }

    /// <summary>The box extended along the reading direction to the ends of <paramref name="other"/>, its extent across unchanged.</summary>
    private static PixelBox ExtendedAlong(PixelBox box, PixelBox other, bool vertical) => vertical
        ? new PixelBox(box.X, Math.Min(box.Y, other.Y), box.Width, Math.Max(box.Bottom, other.Bottom) - Math.Min(box.Y, other.Y))
        : new PixelBox(Math.Min(box.X, other.X), box.Y, Math.Max(box.Right, other.Right) - Math.Min(box.X, other.X), box.Height);

    /// <summary>
    /// Only a kept box that spans the line across its reading direction can hold the line's continuation; a small marker
    /// beside a tall region is no part of it, nor is a marker level with only part of the line's band (a big PA above and
    /// to one side of a rotated name: three quarters of the band).
    /// </summary>
    private static bool SpansBand(PixelBox kept, PixelBox line, bool vertical)
    {
        var acrossOverlap = vertical
            ? Math.Min(kept.Right, line.Right) - Math.Max(kept.X, line.X)
            : Math.Min(kept.Bottom, line.Bottom) - Math.Max(kept.Y, line.Y);
        return Painting.KeptSpanShare.ReachedBy(acrossOverlap, vertical ? line.Width : line.Height);
    }

    internal static TextRegion Continued(TextCandidate c, TextRegion region, byte[] view, int width, int height, double noise, IReadOnlyList<PixelBox> kept, IReadOnlyList<PixelBox> split)
    {
        var line = c with { Box = region.Box };
        // Thin letters are followed only beside a line that was read: an unread one may be speckle.
        var continuation = LineContinuation.Extend(line, view, width, height, noise, kept, thinLetters: region.Category != TextCategory.Unreadable);
        if (continuation is { Box: var box, StartFound: false, EndFound: false } && box == region.Box)
        {
            return region;
        }

        return region with
        {
            Box = continuation.Box,
            PaintedBox = PaintedBeside(
                line with { Box = continuation.Box }, split, width, height, continuation.StartFound, continuation.EndFound, region.Category != TextCategory.Unreadable),
        };
    }

    /// <summary>The painted box of a line, stopped at the edge of any marker split off beside it.</summary>
    internal static PixelBox PaintedBeside(
        TextCandidate line, IReadOnlyList<PixelBox> markers, int width, int height, bool startFound = false, bool endFound = false, bool read = false)
    {
        var painted = Painted(line, width, height, startFound, endFound, read);
        foreach (var m in markers.Where(m => m.Intersects(painted) && !m.Intersects(line.Box)))
        {
            var (x0, y0, x1, y1) = (painted.X, painted.Y, painted.Right, painted.Bottom);
            if (line.Vertical)
            {
                (y0, y1) = m.Bottom <= line.Box.Y ? (Math.Max(y0, m.Bottom), y1) : (y0, Math.Min(y1, m.Y));
            }
            else
            {
                (x0, x1) = m.Right <= line.Box.X ? (Math.Max(x0, m.Right), x1) : (x0, Math.Min(x1, m.X));
            }

            painted = new PixelBox(x0, y0, Math.Max(0, x1 - x0), Math.Max(0, y1 - y0));
        }

        return painted;
    }
}
