using RadAnon.Core.Ocr;

namespace RadAnon.Core.Pixels.Text;

// What read regions mean together: echoes, explained fragments, markers that are letters of a word, neighbours.
public sealed partial class BurnedInTextCleaner
{
    /// <summary>True when a region holds clearly more glyph components than the words read from it have letters.</summary>
    internal static bool HasUnreadGlyphs(TextCandidate candidate, IReadOnlyList<OcrWord> words)
    {
        var letters = words.Sum(w => w.Text.Count(char.IsLetterOrDigit));
        return candidate.GlyphCount > Rules.UnreadGlyphShare.Of(letters) + Rules.UnreadGlyphSlack;
    }

    /// <summary>
    /// A marker is kept only when it stands alone: a redacted piece of text of its polarity and size closer along its
    /// reading direction than a word space makes it letters of a word ("CC" split off the "A" of "ACC").
    /// </summary>
    internal static bool IsPartOfLine((TextCandidate Candidate, TextRegion Region) marker, IReadOnlyList<(TextCandidate Candidate, TextRegion Region)> all)
    {
        var m = marker.Region.Box;
        var vertical = marker.Candidate.Vertical || marker.Region.Rotation is 90 or 270;
        var g = Math.Max(Rules.MarkerGapMinGlyph, marker.Region.GlyphHeight);
        foreach (var (c, r) in all)
        {
            if (r.Action != RegionAction.Redacted || c.Polarity != marker.Candidate.Polarity || r.Box.Intersects(m)
                || Math.Max(r.GlyphHeight, g) > Rules.MarkerWordMaxSizeRatio * Math.Max(1, Math.Min(r.GlyphHeight, g)))
            {
                continue;
            }

            var o = r.Box;
            var (gap, overlap, across) = vertical
                ? (Math.Max(o.Y - m.Bottom, m.Y - o.Bottom), Math.Min(o.Right, m.Right) - Math.Max(o.X, m.X), Math.Min(o.Width, m.Width))
                : (Math.Max(o.X - m.Right, m.X - o.Right), Math.Min(o.Bottom, m.Bottom) - Math.Max(o.Y, m.Y), Math.Min(o.Height, m.Height));
            if (gap >= 0 && gap < Rules.MarkerWordSpace * g && overlap * 2 >= across)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Other lines of the same polarity within a glyph of the candidate: what its crop's padding would also show.</summary>
    internal static List<PixelBox> Neighbours(TextCandidate c, PixelBox line, IReadOnlyList<TextCandidate> candidates)
    {
        var reach = line.Inflate(Math.Max(Rules.MinNeighbourReach, c.GlyphHeight), int.MaxValue, int.MaxValue);
        return candidates.Where(o => !ReferenceEquals(o, c) && o.Polarity == c.Polarity && o.Box.Intersects(reach)).Select(o => o.Box).ToList();
    }

    /// <summary>Opposite polarities over about the same place, at most a few times the other's area.</summary>
    internal static bool IsEchoPair(TextCandidate strong, TextCandidate weak)
    {
        if (strong.Polarity == weak.Polarity)
        {
            return false;
        }

        var overlap = strong.Box.Intersect(weak.Box).Area;
        return overlap >= 0.5 * Math.Min(strong.Box.Area, weak.Box.Area) && weak.Box.Area <= Rules.MaxEchoAreaRatio * strong.Box.Area;
    }

    /// <summary>
    /// Light text also makes a black-hat response in its counters and gaps, and dark text a top-hat one. When two
    /// readings of opposite polarity cover the same place, the less confident one is the echo and is dropped; when
    /// neither was read, both stay (fail closed). A surround (one component holding a line read more confidently, such
    /// as the dark field between two rows of light text) silences nothing: its reading is of the text inside it, and it
    /// is dropped itself below, so a row it "echoed" would be lost with it (an ultrasound's second header row was).
    /// </summary>
    /// <param name="detected">
    /// Where the detector found each item, before its line was followed along its ink: an echo followed onto a dark
    /// field (its "ink" is the background) grows far beyond the glyph it echoes, so the pair is also judged on these.
    /// </param>
    internal static List<(TextCandidate Candidate, TextRegion Region)> DropWeakerOppositePolarity(
        List<(TextCandidate Candidate, TextRegion Region)> items, IReadOnlyList<PixelBox>? detected = null)
    {
        var dropped = new bool[items.Count];
        var surround = Enumerable.Range(0, items.Count).Select(i => Enumerable.Range(0, items.Count).Any(k =>
            k != i && items[k].Candidate.Polarity != items[i].Candidate.Polarity
            && IsExplainedBy(items[i].Candidate, items[i].Region, items[k].Candidate, items[k].Region))).ToArray();
        for (var i = 0; i < items.Count; i++)
        {
            for (var j = 0; j < items.Count; j++)
            {
                var (ci, ri) = items[i];
                var (cj, rj) = items[j];
                if (i == j || dropped[j] || surround[i] || ci.Polarity == cj.Polarity || rj.Confidence >= ri.Confidence)
                {
                    continue;
                }

                // The echo covers about the same place, at most a few times the stronger reading's area (a confident
                // counter or gap inside a long unread line must not drop the line).
                var detectedPair = detected is not null && IsEchoPair(ci with { Box = detected[i] }, cj with { Box = detected[j] });
                if ((IsEchoPair(ci, cj) || detectedPair) && ri.Confidence >= EchoConfidence)
                {
                    dropped[j] = true;
                }
            }
        }

        for (var j = 0; j < items.Count; j++)
        {
            var (cj, rj) = items[j];
            var trimmed = WithoutCrossingLines(items, j);
            for (var i = 0; i < items.Count && !dropped[j]; i++)
            {
                var (ci, ri) = items[i];
                if (i != j && !dropped[i] && (IsExplainedBy(cj, rj, ci, ri) || (trimmed is { } t && IsExplainedBy(t, rj, ci, ri))))
                {
                    dropped[j] = true;
                }
            }
        }

        return items.Where((_, k) => !dropped[k]).ToList();
    }

    /// <summary>
    /// Item <paramref name="j"/> less the lines of its own polarity that cross it whole at one end, read more
    /// confidently and not kept (they are painted anyway), one component each: a marker's backing square grouped with
    /// the first digit of a rotated date beside it is, without the date, the marker's surround. Null when none cross, and
    /// for a vertical item.
    /// </summary>
    internal static TextCandidate? WithoutCrossingLines(IReadOnlyList<(TextCandidate Candidate, TextRegion Region)> items, int j)
    {
        if (items[j].Candidate.Vertical)
        {
            return null;
        }

        var (c, r) = items[j];
        var box = c.Box;
        var removed = 0;
        foreach (var (other, region) in items)
        {
            if (ReferenceEquals(other, c) || other.Polarity != c.Polarity || region.Action != RegionAction.Redacted
                || region.Category == TextCategory.Unreadable || region.Confidence < EchoConfidence || region.Confidence <= r.Confidence)
            {
                continue;
            }

            var o = other.Box;
            if (o.Y > box.Y || o.Bottom < box.Bottom || o.Right <= box.X || o.X >= box.Right)
            {
                continue;
            }

            // Across the whole height of the box, at its left or its right end: cut it off there.
            if (o.X <= box.X && o.Right < box.Right)
            {
                box = new PixelBox(o.Right, box.Y, box.Right - o.Right, box.Height);
                removed++;
            }
            else if (o.Right >= box.Right && o.X > box.X)
            {
                box = new PixelBox(box.X, box.Y, o.X - box.X, box.Height);
                removed++;
            }
        }

        return removed == 0 ? null : c with { Box = box, GlyphCount = Math.Max(1, c.GlyphCount - removed) };
    }

    /// <summary>
    /// A region whose pixels another, confident reading already accounts for: the surround of a read glyph (a backing
    /// box or the dark around a light marker: one component of the opposite polarity holding the read box), or an unread
    /// fragment of the same polarity inside a kept marker's box (a stroke piece grouped the other way), which the marker's
    /// own reading covered, or a counter of the opposite polarity inside it. A lone component carries at most a character
    /// or two, so nothing that could identify anyone is dropped unread.
    /// </summary>
    internal static bool IsExplainedBy(TextCandidate c, TextRegion r, TextCandidate by, TextRegion byRegion)
    {
        if (byRegion.Confidence < EchoConfidence)
        {
            return false;
        }

        // The counter or leg gap of a kept marker's glyph, found as opposite-polarity text at most half its height inside
        // its box: Tesseract reads such a blob as a digit or a letter, as confidently as the marker itself ("4" at 94 in
        // the gap of a serif R), so confidence cannot say which is the text; the marker's box does.
        if (c.Polarity != by.Polarity && IsCounterOfKeptMarker(c, r, by, byRegion))
        {
            return true;
        }

        // ... and such a fragment explains nothing of the marker (whose box would otherwise be its "surround").
        if (c.Polarity != by.Polarity && IsCounterOfKeptMarker(by, byRegion, c, r))
        {
            return false;
        }

        if (byRegion.Confidence <= r.Confidence)
        {
            return false;
        }

        if (c.Polarity != by.Polarity)
        {
            return c.GlyphCount == 1 && Rules.InsideShare.ReachedBy(c.Box.Intersect(by.Box).Area, by.Box.Area);
        }

        // A fragment at most half the marker's glyph height is a piece of one of its glyphs (a serif, a stroke end of a
        // 150-px L picked up by the fine pass), whatever its component count.
        return IsFragmentOfKeptMarker(c, r, by, byRegion) && (c.GlyphCount <= by.GlyphCount || c.GlyphHeight * 2 <= by.GlyphHeight);
    }

    /// <summary>Opposite-polarity unread or other text at most half a kept marker's height inside its box.</summary>
    private static bool IsCounterOfKeptMarker(TextCandidate c, TextRegion r, TextCandidate marker, TextRegion markerRegion) =>
        c.Polarity != marker.Polarity && markerRegion.Confidence >= EchoConfidence && c.GlyphHeight * 2 <= marker.GlyphHeight
        && IsFragmentOfKeptMarker(c, r, marker, markerRegion);

    /// <summary>Unread or other text lying inside a kept marker's box.</summary>
    private static bool IsFragmentOfKeptMarker(TextCandidate c, TextRegion r, TextCandidate by, TextRegion byRegion) =>
        r.Category is TextCategory.Unreadable or TextCategory.OtherText && byRegion is { Action: RegionAction.Kept, Category: TextCategory.Marker }
        && Rules.InsideShare.ReachedBy(by.Box.Intersect(c.Box).Area, c.Box.Area);

    /// <summary>
    /// A lone blob in the band of a line of its own polarity (most of it across within the line), at most a few glyph
    /// heights beyond either end, and of about the line's glyph size.
    /// </summary>
    internal static bool IsLoneGlyphOf(TextCandidate blob, TextCandidate line)
    {
        if (blob.Polarity != line.Polarity)
        {
            return false;
        }

        var t = Rules;
        var g = Math.Max(t.LoneGlyphMinLineGlyph, line.GlyphHeight);
        var (blobAlong0, blobAlong1, blobAcross0, blobAcross1) = line.Vertical
            ? (blob.Box.Y, blob.Box.Bottom, blob.Box.X, blob.Box.Right)
            : (blob.Box.X, blob.Box.Right, blob.Box.Y, blob.Box.Bottom);
        var (lineAlong0, lineAlong1, lineAcross0, lineAcross1) = line.Vertical
            ? (line.Box.Y, line.Box.Bottom, line.Box.X, line.Box.Right)
            : (line.Box.X, line.Box.Right, line.Box.Y, line.Box.Bottom);
        var size = Math.Max(blob.Box.Width, blob.Box.Height);
        var across = Math.Min(blobAcross1, lineAcross1) - Math.Max(blobAcross0, lineAcross0);
        var gap = Math.Max(blobAlong0 - lineAlong1, lineAlong0 - blobAlong1);
        return t.LoneGlyphMinSize.ReachedBy(size, g) && t.LoneGlyphMaxSize.NotExceededBy(size, g)
            && t.LoneGlyphAcrossShare.ReachedBy(across, blobAcross1 - blobAcross0) && gap >= 0 && gap <= t.LoneGlyphReach * g;
    }
}
