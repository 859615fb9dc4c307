namespace RadAnon.Core.Pixels.Text;

/// <summary>A line's box after <see cref="LineContinuation.Extend"/>, and whether each end was seen to be the line's end.</summary>
internal readonly record struct Continuation(PixelBox Box, bool StartFound, bool EndFound);

/// <summary>
/// Follows a redacted line beyond the part the detector found. Burned-in text is drawn in one ink value, but the
/// background under it need not be one: a line that runs from the dark field onto a bright collimation border keeps its
/// ink while its contrast collapses, so the detector finds only the part on the dark, and a thin first or last character
/// (the I of "ID:", a 1, a colon) or a word behind a wider gap can fall out of the line grouping. Along the reading
/// direction, a column of the line's band that holds pixels at the line's ink value (over a third of its height, for a
/// large line) while the rows just outside the band hold none is more of the line; the walk stops after a gap of two
/// glyph heights without one (a label's colon and space in a monospaced font), and at the first column whose outside rows
/// hold that ink (texture, a neighbouring line, a saturated area: no longer a clean surround), unless those rows are a
/// flat field of the ink's own value, where the walk goes on by contrast to that field (<c>WalkField</c>). Thin letters
/// of a small read line (the "ID:" before a number, the "Infir" after a "General") are taken at a looser tolerance in
/// the band (see <see cref="TextThresholds.ContinuationThresholds.SmallGlyph"/>); the rows beside it keep the strict one.
/// The numbers are in <see cref="TextThresholds.ContinuationThresholds"/>.
/// </summary>
internal static partial class LineContinuation
{
    private static readonly TextThresholds.ContinuationThresholds Thresholds = TextThresholds.Default.Continuation;

    /// <param name="noise">The image's noise estimate (8-bit levels), which sets how close to the ink a pixel must be.</param>
    /// <param name="stops">Boxes the walk must not enter (kept markers): their ink is theirs.</param>
    /// <returns>
    /// The line's box grown along its reading direction (the box itself when nothing continues it), and for each end
    /// whether the line was seen to end there: a clean gap of two glyphs or the image edge, rather than a stop at texture,
    /// a marker, the walk's length limit, or an ink that is no stroke.
    /// </returns>
    /// <param name="thinLetters">Also take thin letters near a small line's strokes (see <see cref="TextThresholds.ContinuationThresholds.SmallGlyph"/>).</param>
    public static Continuation Extend(TextCandidate line, byte[] view, int width, int height, double noise, IReadOnlyList<PixelBox> stops, bool thinLetters = false)
    {
        var box = line.Box;
        var light = line.Polarity == TextPolarity.LightOnDark;
        if (!TryInkLevel(box, view, width, light, noise, out var ink, out var tolerance))
        {
            return new Continuation(box, StartFound: false, EndFound: false);
        }

        var t = Thresholds;
        var g = Math.Max(t.MinGlyph, line.GlyphHeight);
        var geometry = new Geometry(line.Vertical, width, height, box);
        var strokeTolerance = thinLetters && g <= t.SmallGlyph ? Math.Max(tolerance, t.ThinToleranceShare.Of(Math.Abs(ink - Median(box, view, width)))) : tolerance;
        var (before, startFound) = Walk(geometry, view, ink, tolerance, strokeTolerance, g, -1, stops);
        var (after, endFound) = Walk(geometry, view, ink, tolerance, strokeTolerance, g, +1, stops);
        return new Continuation(geometry.Box(before, after), startFound, endFound);
    }

    /// <summary>Counts of each 8-bit value in the box.</summary>
    private static void Histogram(PixelBox box, byte[] view, int width, Span<int> histogram)
    {
        for (var y = box.Y; y < box.Bottom; y++)
        {
            foreach (var v in view.AsSpan((y * width) + box.X, box.Width))
            {
                histogram[v]++;
            }
        }
    }

    /// <summary>The median value of the box: its background, for text that covers less than half of it.</summary>
    internal static int Median(PixelBox box, byte[] view, int width)
    {
        Span<int> histogram = stackalloc int[256];
        Histogram(box, view, width, histogram);
        long seen = 0;
        for (var v = 0; v < 256; v++)
        {
            seen += histogram[v];
            if (seen * 2 > box.Area)
            {
                return v;
            }
        }

        return 255;
    }

    /// <summary>
    /// The line's ink value and how far a pixel may be from it. False when most of the box is at that value (the ink is
    /// no stroke then). The box's median is no test: a line found across a collimation edge has mostly the other
    /// background in its box.
    /// </summary>
    internal static bool TryInkLevel(PixelBox box, byte[] view, int width, bool light, double noise, out int ink, out int tolerance)
    {
        Span<int> histogram = stackalloc int[256];
        Histogram(box, view, width, histogram);

        var total = box.Area;
        var wanted = Math.Max(1, (long)(total * Thresholds.InkShare));
        long seen = 0;
        ink = light ? 255 : 0;
        for (var level = light ? 255 : 0; light ? level >= 0 : level <= 255; level += light ? -1 : 1)
        {
            seen += histogram[level];
            if (seen >= wanted)
            {
                ink = level;
                break;
            }
        }

        tolerance = Math.Max(Thresholds.MinTolerance, (int)Math.Ceiling(Thresholds.ToleranceNoiseFactor * noise));
        long near = 0;
        for (var level = Math.Max(0, ink - tolerance); level <= Math.Min(255, ink + tolerance); level++)
        {
            near += histogram[level];
        }

        return near <= total * Thresholds.MaxInkShare;
    }

    /// <summary>
    /// Walks away from one end; returns the new end coordinate along the line (exclusive when forward) and whether the
    /// line was seen to end there.
    /// </summary>
    /// <param name="strokeTolerance">
    /// How far from the ink a band pixel of a small line may be and still count as a stroke, within
    /// <see cref="TextThresholds.ContinuationThresholds.ThinReach"/> glyphs of a column that met the strict tolerance
    /// (see <see cref="TextThresholds.ContinuationThresholds.SmallGlyph"/>).
    /// </param>
    private static (int End, bool Found) Walk(Geometry geometry, byte[] view, int ink, int tolerance, int strokeTolerance, int g, int direction, IReadOnlyList<PixelBox> stops)
    {
        var t = Thresholds;
        var edge = direction > 0 ? geometry.AlongLength : -1;
        var limit = direction > 0
            ? Math.Min(edge, geometry.AlongEnd + (t.MaxGlyphsAlong * g))
            : Math.Max(edge, geometry.AlongStart - 1 - (t.MaxGlyphsAlong * g));
        var maxGap = Math.Max(t.MinGap, g * t.GapGlyphs);
        var minInk = Math.Max(1, t.BandInkShare.Of(g));
        var guardStrips = GuardStrips(geometry, g);
        var last = direction > 0 ? geometry.AlongEnd : geometry.AlongStart;
        var cleanInside = CleanInside(geometry, view, direction, guardStrips, ink, tolerance);
        var gap = 0;
        var touching = true;
        var lastStrict = direction > 0 ? geometry.AlongEnd - 1 : geometry.AlongStart;
        var a = direction > 0 ? geometry.AlongEnd : geometry.AlongStart - 1;
        for (; a != limit && gap <= maxGap; a += direction)
        {
            if (geometry.Blocked(a, stops))
            {
                return (last, false);
            }

            var (bandInk, extent) = geometry.InkSpan(view, a, geometry.AcrossStart, geometry.AcrossEnd, ink, tolerance);
            if (bandInk >= minInk)
            {
                lastStrict = a;
            }
            else if (strokeTolerance > tolerance && Math.Abs(a - lastStrict) <= t.ThinReach * g && FlatField(geometry, view, a, guardStrips, tolerance, out var field))
            {
                // Only on a flat background (speckle and texture have "thin strokes" everywhere), and a thin stroke stands
                // out from it (the rows beside the band): a background that steps to a level near the ink is no stroke.
                (bandInk, extent) = geometry.InkSpan(view, a, geometry.AcrossStart, geometry.AcrossEnd, ink, strokeTolerance, field, tolerance);
            }

            if (GuardInk(geometry, view, a, guardStrips, ink, tolerance) > 0)
            {
                // Ink of the line's value outside its band: unless it is a field of that ink the line runs onto, the
                // surroundings are no longer clean (texture, another line, a saturated area), so nothing here can be
                // told apart as more of this line.
                var fieldStart = cleanInside ? FieldStart(geometry, view, a, direction, limit, guardStrips, ink, tolerance) : null;
                return fieldStart is { } at
                    ? WalkField(geometry, view, at, last, tolerance, g, direction, stops, limit, maxGap, minInk, guardStrips)
                    : (last, false);
            }

            // A column of the line moves its end and closes the gap; any other column widens the gap.
            (last, gap, touching) = IsGlyphColumn(bandInk, extent, minInk, g, touching) ? (direction > 0 ? a + 1 : a, 0, true) : (last, gap + 1, false);
        }

        return (last, gap > maxGap || a == edge);
    }

    /// <summary>The strips of rows just outside the line's band on either side, across, that must stay clear of its ink.</summary>
    private static (int From, int To)[] GuardStrips(Geometry geometry, int g)
    {
        var guardOffset = Math.Max(2, g / 2);
        var guardWidth = Math.Max(2, Thresholds.GuardWidthShare.Of(g));
        return
        [
            (geometry.AcrossStart - guardOffset - guardWidth, geometry.AcrossStart - guardOffset),
            (geometry.AcrossEnd + guardOffset, geometry.AcrossEnd + guardOffset + guardWidth),
        ];
    }

    /// <summary>Pixels at the ink value in both guard strips at <paramref name="a"/>.</summary>
    private static int GuardInk(Geometry geometry, byte[] view, int a, (int From, int To)[] strips, int ink, int tolerance) =>
        geometry.CountInk(view, a, strips[0].From, strips[0].To, ink, tolerance)
        + geometry.CountInk(view, a, strips[1].From, strips[1].To, ink, tolerance);

    /// <summary>
    /// Whether the line's found end, walking away in <paramref name="direction"/>, stands on a clean background: one of
    /// its first few columns has no ink in the guard strips.
    /// </summary>
    private static bool CleanInside(Geometry geometry, byte[] view, int direction, (int From, int To)[] strips, int ink, int tolerance)
    {
        // A field of the ink's value is a step only where the line's own end stands on a clean background; where the rows
        // beside the line already hold its "ink", that ink is the background (an echo in a dark glyph's counters). The
        // found end may itself reach a column or two onto the step (a small line's box starts where its first glyph on
        // the dark side does, and blur spreads the step), so any of the end's first few columns will do.
        var cleanInside = false;
        for (var k = 0; k <= Thresholds.FieldEdgeColumns && !cleanInside; k++)
        {
            var inside = direction > 0 ? geometry.AlongEnd - 1 - k : geometry.AlongStart + k;
            cleanInside = inside >= geometry.AlongStart && inside < geometry.AlongEnd && GuardInk(geometry, view, inside, strips, ink, tolerance) == 0;
        }

        return cleanInside;
    }

    /// <summary>
    /// Where the walk goes on onto a field of the line's own ink: the first of the few columns from <paramref name="a"/>
    /// on whose guard rows are flat and near the ink value, or null when none is.
    /// </summary>
    private static int? FieldStart(Geometry geometry, byte[] view, int a, int direction, int limit, (int From, int To)[] strips, int ink, int tolerance)
    {
        // Past the edge's own few columns the rows outside the band may turn flat: the line runs onto a field of its own
        // ink (dark text onto a dark collimation border), where only its faint contrast to that field shows it.
        for (var k = 0; k <= Thresholds.FieldEdgeColumns; k++)
        {
            var at = a + (k * direction);
            if (at != limit && at >= 0 && at < geometry.AlongLength && IsInkField(geometry, view, at, strips, ink, tolerance))
            {
                return at;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a column's band ink (<paramref name="bandInk"/> pixels spanning <paramref name="extent"/>) is more of the
    /// line rather than a gap.
    /// </summary>
    private static bool IsGlyphColumn(int bandInk, int extent, int minInk, int g, bool touching)
    {
        // A glyph of a large line spans a good part of its height across (an x-height letter two thirds of it, a colon
        // more than half); smaller text in its band (a date beside a big marker) is not this line. The narrow ends of a
        // glyph already under way (the tip of an o, a serif) are part of it, as is what touches the line found. Small
        // lines are not held to it: in a lossy copy their strokes reach the ink value only in spots.
        var t = Thresholds;
        return bandInk >= minInk && (t.MinGlyphExtent.ReachedBy(extent, g) || touching || g < t.MinGlyphForExtent);
    }

    /// <summary>The rows outside the band at <paramref name="a"/> form a field of the ink's value (see <see cref="FlatField"/>).</summary>
    private static bool IsInkField(Geometry geometry, byte[] view, int a, (int From, int To)[] strips, int ink, int tolerance) =>
        FlatField(geometry, view, a, strips, tolerance, out var level) && Math.Abs(level - ink) <= 2 * tolerance;

    /// <summary>
    /// The rows outside the band at <paramref name="a"/>, both wholly inside the image, are flat: nearly all within the
    /// tolerance of their median (<paramref name="level"/>), or all but one when <paramref name="allowStray"/> (one
    /// stray pixel is noise among the few guard pixels of a small line).
    /// </summary>
    private static bool FlatField(Geometry geometry, byte[] view, int a, (int From, int To)[] strips, int tolerance, out int level, bool allowStray = false)
    {
        // Both sides must be in the image: a line along the image's edge has one guard, too little to call a field.
        level = 0;
        var values = new List<int>();
        foreach (var (from, to) in strips)
        {
            var before = values.Count;
            geometry.Collect(view, a, from, to, values);
            if (values.Count - before < to - from)
            {
                return false;
            }
        }

        values.Sort();
        var median = level = values[values.Count / 2];
        var off = values.Count(v => Math.Abs(v - median) > tolerance);
        return Thresholds.FlatOffShare.NotExceededBy(off, values.Count) || (allowStray && off <= 1);
    }

    /// <summary>
    /// The walk on a field of the line's own ink value: a column is more of the line where its band holds pixels that
    /// differ from the field (the median of the rows outside the band, in that column) by more than the tolerance, while
    /// those outside rows stay flat (else texture or another line: stop). Same gap and length limits as the ink walk.
    /// </summary>
    private static (int End, bool Found) WalkField(
        Geometry geometry, byte[] view, int a, int last, int tolerance, int g, int direction, IReadOnlyList<PixelBox> stops, int limit, int maxGap, int minInk,
        (int From, int To)[] guardStrips)
    {
        var edge = direction > 0 ? geometry.AlongLength : -1;
        var gap = Math.Abs(a - (direction > 0 ? last - 1 : last)) - 1;
        var sign = 0;
        for (; a != limit && gap <= maxGap; a += direction)
        {
            if (geometry.Blocked(a, stops) || !FlatField(geometry, view, a, guardStrips, tolerance, out var field, allowStray: true))
            {
                return (last, false);
            }

            // A stroke across the band, not a stray pixel, and on the same side of the field as the strokes before it
            // (one ink drawn over one field): noise and compression ringing, which go both ways, must not carry it on.
            var (below, above) = geometry.CountOff(view, a, geometry.AcrossStart, geometry.AcrossEnd, field, tolerance);
            var side = below >= above ? -1 : 1;
            if (Math.Max(below, above) >= Math.Max(minInk, Math.Max(2, Thresholds.FieldStrokeShare.Of(g))) && (sign == 0 || side == sign))
            {
                sign = side;
                last = direction > 0 ? a + 1 : a;
                gap = 0;
            }
            else
            {
                gap++;
            }
        }

        return (last, gap > maxGap || a == edge);
    }
}
