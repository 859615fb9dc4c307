namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// Narrows a confidently read line to the box its words occupy when the rest of the candidate is smooth anatomy. A line
/// of big text over bone shadows is often grouped with the shadows around it (a bright bone runs on past the glyphs;
/// the dark gap between two bones looks like a dark stroke), so the candidate is two or three times the text's height
/// or length, and painting all of it removes a large patch of anatomy. The strips left out must be soft by
/// <see cref="EdgeCue"/> (no edge as steep as a drawn glyph's): a second line of text, or part of a glyph the reading
/// missed, keeps the whole box.
/// </summary>
internal static class AnatomyTrim
{
    private static readonly TextThresholds.CueThresholds Thresholds = TextThresholds.Default.Cues;

    /// <summary>The box cut to its words' box when everything cut away is soft; null to keep it whole.</summary>
    public static PixelBox? ToWords(
        TextCandidate line, CandidateReading reading, byte[] view, int width, int height, int minContrast, int strokeContrast)
    {
        if (line.Vertical || reading.Rotation != 0 || reading.Frame is not { } frame || line.GlyphHeight < EdgeCue.MinGlyphHeight)
        {
            return null;
        }

        var words = reading.Words.Where(w => !string.IsNullOrWhiteSpace(w.Text)).Select(frame.ToImage).ToList();
        if (words.Count == 0)
        {
            return null;
        }

        var band = words.Aggregate((a, b) => a.Union(b));

        // Word boxes come from a rescaled crop: a few pixels of slack keep antialiased rims, accents and (along the
        // line) a thin end character inside.
        var t = Thresholds;
        var across = t.TrimSlack + t.TrimAcrossShare.Of(band.Height);
        var along = t.TrimSlack + t.TrimAlongShare.Of(band.Height);
        var box = line.Box;
        var (x0, x1) = Narrow(box.X, box.Right, band.X - along, band.Right + along);
        var (y0, y1) = Narrow(box.Y, box.Bottom, band.Y - across, band.Bottom + across);
        var kept = new PixelBox(x0, y0, x1 - x0, y1 - y0);
        if (kept.Area >= box.Area * t.WorthTrimming)
        {
            return null;
        }

        PixelBox[] strips =
        [
            new(box.X, box.Y, box.Width, y0 - box.Y), new(box.X, y1, box.Width, box.Bottom - y1),
            new(box.X, y0, x0 - box.X, y1 - y0), new(x1, y0, box.Right - x1, y1 - y0),
        ];
        if (strips.Any(s => !s.IsEmpty && !EdgeCue.IsSoft(s, view, width, height, line.GlyphHeight, minContrast, strokeContrast, [kept])))
        {
            return null;
        }

        return kept;
    }

    /// <summary>
    /// The box's extent narrowed to the band's, except where the cut would leave a strip thinner than
    /// <see cref="EdgeCue"/> judges (<see cref="EdgeCue.MinSide"/>): such a sliver stays with the line.
    /// </summary>
    private static (int Start, int End) Narrow(int start, int end, int bandStart, int bandEnd)
    {
        var s = Math.Max(start, bandStart);
        var e = Math.Min(end, bandEnd);
        return (s - start < EdgeCue.MinSide ? start : s, end - e < EdgeCue.MinSide ? end : e);
    }
}
