using System.Diagnostics;
using RadAnon.Core.Ocr;

namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// Finds and removes burned-in text: cheap cues find text-like regions on the full-resolution image, Tesseract reads
/// only those, the classifier keeps allowlisted markers (and clinical text when asked), everything else is painted
/// over, and the result is checked by detecting and reading again. Fails closed: unreadable text-like regions are
/// removed, and readable identifying text after redaction throws <see cref="ResidualTextException"/>.
/// </summary>
public sealed partial class BurnedInTextCleaner
{
    /// <summary>A reading at least this confident silences its opposite-polarity echo.</summary>
    private const float EchoConfidence = 55;

    private readonly IOcr ocr;

    /// <param name="ocr">Usually a shared <see cref="TesseractOcr"/>; it must be safe to call from several threads.</param>
    public BurnedInTextCleaner(IOcr ocr)
    {
        ArgumentNullException.ThrowIfNull(ocr);
        this.ocr = ocr;
    }

    public TextCleaningResult Clean(GrayImage image, TextCleaningOptions options, IReadOnlyCollection<string> headerValues)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(headerValues);
        options.Validate();

        var clock = Stopwatch.StartNew();
        var detector = new TextDetector(new TextDetectorSettings { MinGlyphHeight = options.MinGlyphHeight, MaxGlyphHeight = options.MaxGlyphHeight });
        var view = options.View?.Invoke(image) ?? image.To8BitView();
        var noise = TextDetector.EstimateNoise(view, image.Width, image.Height);
        var candidates = detector.Detect(view, image.Width, image.Height, noise, fine: true, coarse: true);
        var detectMs = clock.Elapsed.TotalMilliseconds;

        clock.Restart();
        var classifier = new TextClassifier(new HeaderValueMatcher(headerValues), options.MarkerAllowlist, options.MinWordConfidence);
        var regions = ReadAndDecide(candidates, view, classifier, options, image.Width, image.Height, noise);
        foreach (var box in options.AddRegions)
        {
            var clipped = box.Intersect(new PixelBox(0, 0, image.Width, image.Height));
            if (!clipped.IsEmpty)
            {
                regions.Add(new TextRegion
                {
                    Box = clipped, Rotation = 0, Category = TextCategory.CallerRegion, Action = RegionAction.Redacted,
                    Method = options.Redaction, Confidence = 0, GlyphHeight = 0, PaintedBox = clipped,
                });
            }
        }

        ExtendThroughKeptRegions(regions);
        var ocrMs = clock.Elapsed.TotalMilliseconds;

        clock.Restart();
        var output = image.Clone();
        var painted = RegionRedactor.Redact(output, regions.Where(r => r.Action == RegionAction.Redacted).Select(r => r.PaintedBox!.Value), options.Redaction, options.FillValue);
        var redactMs = clock.Elapsed.TotalMilliseconds;

        clock.Restart();
        var verification = options.Verify
            ? Verify(image, output, view, painted, regions, candidates, detector, noise, classifier, options)
            : new VerificationOutcome("none", Performed: false, ResidualTextFound: false, ResidualRegionCount: 0);
        var verifyMs = clock.Elapsed.TotalMilliseconds;

        if (verification.ResidualTextFound && !options.Force)
        {
            throw new ResidualTextException(verification.ResidualRegionCount);
        }

        return new TextCleaningResult
        {
            Image = output,
            Regions = regions,
            Verification = verification,
            OcrEngine = "tesseract " + ocr.Version,
            Timings = new StageTimings(detectMs, ocrMs, redactMs, verifyMs),
        };
    }

    /// <summary>
    /// The painted box grows with glyph height: a quarter glyph across the line, and most of a glyph along it, where
    /// a thin first or last character (I, 1, a colon) may have missed the line grouping. Small text (up to 16 px) gets
    /// another half glyph along the line: at that size a short label before a number ("ID:") or an end character is
    /// often left out of the line by a wider gap, and the extra strip costs few pixels (held-out synthetic seeds: recall
    /// 0.951 to 0.964 for collateral 0.74 to 0.79 %; up to 24 px gave the same recall for 0.84 %).
    /// </summary>
    internal static PixelBox Painted(TextCandidate c, int width, int height, bool startFound = false, bool endFound = false)
    {
        var across = 3 + (c.GlyphHeight / 4);
        var along = 3 + (c.GlyphHeight * 3 / 4) + (c.GlyphHeight <= 16 ? c.GlyphHeight / 2 : 0);

        // Where the line was followed to its end over a clean background (LineContinuation), nothing of it lies beyond:
        // that end needs only the margin across the line.
        var (alongBefore, alongAfter) = (startFound ? across : along, endFound ? across : along);
        var (left, top, right, bottom) = c.Vertical ? (across, alongBefore, across, alongAfter) : (alongBefore, across, alongAfter, across);
        var x0 = Math.Max(0, c.Box.X - left);
        var y0 = Math.Max(0, c.Box.Y - top);
        return new PixelBox(x0, y0, Math.Min(width, c.Box.Right + right) - x0, Math.Min(height, c.Box.Bottom + bottom) - y0);
    }

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
            if (regions[i] is not { Action: RegionAction.Redacted, PaintedBox: { } painted } region)
            {
                continue;
            }

            var vertical = region.Rotation is 90 or 270 || (region.Rotation == 0 && region.Box.Height > region.Box.Width * 2);
            var gap = Math.Max(region.GlyphHeight, 8);
            var grown = painted;
            bool changed;
            do
            {
                changed = false;
                foreach (var k in kept)
                {
                    // Only a kept box that spans the line across its reading direction can hold the line's continuation;
                    // a small marker beside a tall region is no part of it.
                    var acrossOverlap = vertical
                        ? Math.Min(k.Right, region.Box.Right) - Math.Max(k.X, region.Box.X)
                        : Math.Min(k.Bottom, region.Box.Bottom) - Math.Max(k.Y, region.Box.Y);
                    if (acrossOverlap * 2 < (vertical ? region.Box.Width : region.Box.Height))
                    {
                        continue;
                    }

                    var crosses = vertical
                        ? k.X < grown.Right && k.Right > grown.X && k.Y <= grown.Bottom + gap && k.Bottom >= grown.Y - gap
                        : k.Y < grown.Bottom && k.Bottom > grown.Y && k.X <= grown.Right + gap && k.Right >= grown.X - gap;
                    if (!crosses)
                    {
                        continue;
                    }

                    var next = vertical
                        ? new PixelBox(grown.X, Math.Min(grown.Y, k.Y), grown.Width, Math.Max(grown.Bottom, k.Bottom) - Math.Min(grown.Y, k.Y))
                        : new PixelBox(Math.Min(grown.X, k.X), grown.Y, Math.Max(grown.Right, k.Right) - Math.Min(grown.X, k.X), grown.Height);
                    if (next != grown)
                    {
                        grown = next;
                        changed = true;
                    }
                }
            }
            while (changed);

            if (grown != painted)
            {
                regions[i] = region with { PaintedBox = grown };
            }
        }
    }

    /// <summary>True when a region holds clearly more glyph components than the words read from it have letters.</summary>
    internal static bool HasUnreadGlyphs(TextCandidate candidate, IReadOnlyList<OcrWord> words)
    {
        var letters = words.Sum(w => w.Text.Count(char.IsLetterOrDigit));
        return candidate.GlyphCount > (letters * 3 / 2) + 2;
    }

    private List<TextRegion> ReadAndDecide(
        IReadOnlyList<TextCandidate> candidates, byte[] view, TextClassifier classifier, TextCleaningOptions options, int width, int height, double noise)
    {
        var inkThreshold = TextureCue.InkThreshold(noise);
        var reader = new CandidateReader(ocr);
        var regions = new TextRegion?[candidates.Count];
        var splitMarkers = new TextRegion?[candidates.Count];

        // An echo (the opposite-polarity response in a line's gaps and counters) is read only when the line it echoes
        // was not read confidently; otherwise it would be dropped below anyway. Only a line with more glyphs silences its
        // echo unread: with equal counts (a lone marker and its counter, one component each) nothing says which is the
        // text, so both are read and the readings decide.
        var echoOf = new int[candidates.Count];
        for (var j = 0; j < candidates.Count; j++)
        {
            echoOf[j] = -1;
            for (var i = 0; i < candidates.Count && echoOf[j] < 0; i++)
            {
                if (i != j && IsEchoPair(candidates[i], candidates[j]) && candidates[i].GlyphCount > candidates[j].GlyphCount)
                {
                    echoOf[j] = i;
                }
            }
        }

        // The line each candidate is read as: followed along its ink first (see LineContinuation), so a first or last
        // letter the grouping left out (the L of "LAT" on its own, the E of "ERECT") is read with the rest.
        var lines = candidates.ToArray();

        void ReadOne(int i)
        {
            var c = lines[i] = candidates[i] with { Box = LineContinuation.Extend(candidates[i], view, width, height, noise, []).Box };
            var neighbours = Neighbours(candidates[i], c.Box, candidates);
            var reading = reader.Read(c, view, width, height, neighbours: neighbours);
            var (category, confidence) = classifier.Classify(reading.Words);
            if (category is TextCategory.Name or TextCategory.OtherText or TextCategory.Unreadable && !c.Vertical && c.Uniform
                && (category == TextCategory.Unreadable || classifier.IsNearMarker(reading.Words))
                && LineContinuation.TryInkLevel(c.Box, view, width, c.Polarity == TextPolarity.LightOnDark, noise, out var inkValue, out var tolerance))
            {
                // A near-marker or unread short line gets a second reading of its pixels at its own ink value: a marker
                // placed across a collimation edge loses the strokes on the bright side to the hat (LAT read "LAI").
                var again = reader.Read(c, view, width, height, new InkLevel(inkValue, tolerance), neighbours);
                var (againCategory, againConfidence) = classifier.Classify(again.Words);
                if (againCategory == TextCategory.Marker && !HasUnreadGlyphs(c, again.Words))
                {
                    (reading, category, confidence) = (again, againCategory, againConfidence);
                }
            }

            if (category == TextCategory.Marker && HasUnreadGlyphs(c, reading.Words))
            {
                // More glyphs in the region than the marker's letters: other text (e.g. a rotated line crossing it) shares
                // the box, and keeping the marker would keep that text too. Fail closed: the region is redacted.
                category = TextCategory.Unreadable;
            }

            if (category == TextCategory.Unreadable && (!c.Uniform || c.GlyphCount == 1))
            {
                // Not read, and either not like one font in one colour (anatomy that lined up) or one lone blob that no
                // reading made a character of: neither is text that could identify anyone. (Dropping a few large unread
                // blobs as well cut synthetic collateral by a third but left identifying words readable in two real
                // corpus files, SC1_JPLY and gdcm-US-ALOKA-16: merged bold glyphs are few large blobs too.)
                return;
            }

            var action = Decide(category, options);
            if (action == RegionAction.Redacted && options.VetoRegions.Any(v => v.Intersect(c.Box).Area * 2 >= c.Box.Area))
            {
                action = RegionAction.Vetoed;
            }

            if (action == RegionAction.Redacted && options.Markers == MarkerPolicy.Keep && category != TextCategory.Unreadable
                && MarkerSplitter.TrySplit(c, reading, classifier) is { } split)
            {
                var rest = classifier.Classify(split.RestWords);
                splitMarkers[i] = new TextRegion
                {
                    Box = split.Marker, Rotation = 0, Category = TextCategory.Marker, Action = RegionAction.Kept, Method = null,
                    Confidence = split.MarkerConfidence, GlyphHeight = split.Marker.Height, PaintedBox = split.Marker, SplitFromLine = true,
                };
                regions[i] = new TextRegion
                {
                    Box = split.Rest, Rotation = 0, Category = rest.Category, Action = RegionAction.Redacted, Method = options.Redaction,
                    Confidence = rest.Confidence, GlyphHeight = c.GlyphHeight, PaintedBox = PaintedBeside(c with { Box = split.Rest }, [split.Marker], width, height),
                };
                return;
            }

            regions[i] = new TextRegion
            {
                Box = c.Box,
                Rotation = reading.Rotation,
                Category = category,
                Action = action,
                Method = action == RegionAction.Redacted ? options.Redaction : null,
                Confidence = confidence,
                GlyphHeight = c.GlyphHeight,
                PaintedBox = Painted(c, width, height),
            };
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        var primaries = Enumerable.Range(0, candidates.Count).Where(i => echoOf[i] < 0).ToList();
        Parallel.ForEach(primaries, parallel, ReadOne);
        var echoes = Enumerable.Range(0, candidates.Count).Where(i => echoOf[i] >= 0 && regions[echoOf[i]] is not { Confidence: >= EchoConfidence }).ToList();
        Parallel.ForEach(echoes, parallel, ReadOne);

        // Not read, and the ink goes on all around it as it does inside: texture, not a line standing out from its
        // background as burned-in text does. Text read nearby (and its echoes) is no texture, so its boxes are left out.
        var read = Enumerable.Range(0, candidates.Count).Where(i => regions[i] is { Category: not TextCategory.Unreadable }).Select(i => candidates[i].Box).ToList();
        Parallel.For(0, candidates.Count, parallel, i =>
        {
            if (regions[i] is { Category: TextCategory.Unreadable } && TextureCue.IsTexture(candidates[i], candidates, read, view, width, height, inkThreshold))
            {
                regions[i] = null;
            }
        });

        var items = Enumerable.Range(0, candidates.Count).Where(i => regions[i] is not null).Select(i => (lines[i], regions[i]!))
            .Concat(Enumerable.Range(0, candidates.Count).Where(i => splitMarkers[i] is not null)
                .Select(i => (lines[i] with { Box = splitMarkers[i]!.Box, GlyphCount = 1 }, splitMarkers[i]!)))
            .ToList();
        var survivors = DropWeakerOppositePolarity(items);
        survivors = survivors.Select(x => x.Region is { Action: RegionAction.Kept, Category: TextCategory.Marker, SplitFromLine: false } && IsPartOfLine(x, survivors)
            ? (x.Candidate, x.Region with { Action = RegionAction.Redacted, Category = TextCategory.OtherText, Method = options.Redaction })
            : x).ToList();

        // Redacted lines are followed past the part the detector found (see LineContinuation), never into a kept marker,
        // and a line's painting stops at a marker split off beside it.
        var kept = survivors.Where(x => x.Region.Action == RegionAction.Kept).Select(x => x.Region.Box).ToList();
        var split = survivors.Where(x => x.Region.SplitFromLine).Select(x => x.Region.Box).ToList();
        return survivors.Select(x => x.Region.Action == RegionAction.Redacted ? Continued(x.Candidate, x.Region, view, width, height, noise, kept, split) : x.Region).ToList();
    }

    private static TextRegion Continued(TextCandidate c, TextRegion region, byte[] view, int width, int height, double noise, IReadOnlyList<PixelBox> kept, IReadOnlyList<PixelBox> split)
    {
        var line = c with { Box = region.Box };
        var continuation = LineContinuation.Extend(line, view, width, height, noise, kept);
        if (continuation is { Box: var box, StartFound: false, EndFound: false } && box == region.Box)
        {
            return region;
        }

        return region with
        {
            Box = continuation.Box,
            PaintedBox = PaintedBeside(line with { Box = continuation.Box }, split, width, height, continuation.StartFound, continuation.EndFound),
        };
    }

    /// <summary>The painted box of a line, stopped at the edge of any marker split off beside it.</summary>
    private static PixelBox PaintedBeside(TextCandidate line, IReadOnlyList<PixelBox> markers, int width, int height, bool startFound = false, bool endFound = false)
    {
        var painted = Painted(line, width, height, startFound, endFound);
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

    /// <summary>
    /// A marker is kept only when it stands alone: a redacted piece of text of its polarity and size closer along its
    /// reading direction than a word space (0.6 of a glyph) makes it letters of a word ("CC" split off the "A" of "ACC").
    /// </summary>
    internal static bool IsPartOfLine((TextCandidate Candidate, TextRegion Region) marker, IReadOnlyList<(TextCandidate Candidate, TextRegion Region)> all)
    {
        var m = marker.Region.Box;
        var vertical = marker.Candidate.Vertical || marker.Region.Rotation is 90 or 270;
        var g = Math.Max(8, marker.Region.GlyphHeight);
        foreach (var (c, r) in all)
        {
            if (r.Action != RegionAction.Redacted || c.Polarity != marker.Candidate.Polarity || r.Box.Intersects(m)
                || Math.Max(r.GlyphHeight, g) > 1.6 * Math.Max(1, Math.Min(r.GlyphHeight, g)))
            {
                continue;
            }

            var o = r.Box;
            var (gap, overlap, across) = vertical
                ? (Math.Max(o.Y - m.Bottom, m.Y - o.Bottom), Math.Min(o.Right, m.Right) - Math.Max(o.X, m.X), Math.Min(o.Width, m.Width))
                : (Math.Max(o.X - m.Right, m.X - o.Right), Math.Min(o.Bottom, m.Bottom) - Math.Max(o.Y, m.Y), Math.Min(o.Height, m.Height));
            if (gap >= 0 && gap < 0.6 * g && overlap * 2 >= across)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Other lines of the same polarity within a glyph of the candidate: what its crop's padding would also show.</summary>
    private static List<PixelBox> Neighbours(TextCandidate c, PixelBox line, IReadOnlyList<TextCandidate> candidates)
    {
        var reach = line.Inflate(Math.Max(3, c.GlyphHeight), int.MaxValue, int.MaxValue);
        return candidates.Where(o => !ReferenceEquals(o, c) && o.Polarity == c.Polarity && o.Box.Intersects(reach)).Select(o => o.Box).ToList();
    }

    /// <summary>Opposite polarities over about the same place, at most a few times the other's area.</summary>
    private static bool IsEchoPair(TextCandidate strong, TextCandidate weak)
    {
        if (strong.Polarity == weak.Polarity)
        {
            return false;
        }

        var overlap = strong.Box.Intersect(weak.Box).Area;
        return overlap >= 0.5 * Math.Min(strong.Box.Area, weak.Box.Area) && weak.Box.Area <= 2.5 * strong.Box.Area;
    }

    /// <summary>
    /// Light text also makes a black-hat response in its counters and gaps, and dark text a top-hat one. When two
    /// readings of opposite polarity cover the same place, the less confident one is the echo and is dropped; when
    /// neither was read, both stay (fail closed).
    /// </summary>
    private static List<(TextCandidate Candidate, TextRegion Region)> DropWeakerOppositePolarity(List<(TextCandidate Candidate, TextRegion Region)> items)
    {
        var dropped = new bool[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            for (var j = 0; j < items.Count; j++)
            {
                var (ci, ri) = items[i];
                var (cj, rj) = items[j];
                if (i == j || dropped[j] || ci.Polarity == cj.Polarity || rj.Confidence >= ri.Confidence)
                {
                    continue;
                }

                // The echo covers about the same place, at most a few times the stronger reading's area (a confident
                // counter or gap inside a long unread line must not drop the line).
                if (IsEchoPair(ci, cj) && ri.Confidence >= EchoConfidence)
                {
                    dropped[j] = true;
                }
            }
        }

        for (var j = 0; j < items.Count; j++)
        {
            var (cj, rj) = items[j];
            for (var i = 0; i < items.Count && !dropped[j]; i++)
            {
                var (ci, ri) = items[i];
                if (i != j && !dropped[i] && IsExplainedBy(cj, rj, ci, ri))
                {
                    dropped[j] = true;
                }
            }
        }

        return items.Where((_, k) => !dropped[k]).ToList();
    }

    /// <summary>
    /// A region whose pixels another, confident reading already accounts for: the surround of a read glyph (a backing
    /// box or the dark around a light marker: one component of the opposite polarity holding the read box), or an unread
    /// fragment of the same polarity inside a kept marker's box (a stroke piece grouped the other way), which the marker's
    /// own reading covered. A lone component carries at most a character or two, so nothing that could identify anyone is
    /// dropped unread.
    /// </summary>
    internal static bool IsExplainedBy(TextCandidate c, TextRegion r, TextCandidate by, TextRegion byRegion)
    {
        if (byRegion.Confidence < EchoConfidence || byRegion.Confidence <= r.Confidence)
        {
            return false;
        }

        if (c.Polarity != by.Polarity)
        {
            return c.GlyphCount == 1 && c.Box.Intersect(by.Box).Area * 10 >= by.Box.Area * 9;
        }

        // A fragment at most half the marker's glyph height is a piece of one of its glyphs (a serif, a stroke end of a
        // 150-px L picked up by the fine pass), whatever its component count.
        return r.Category is TextCategory.Unreadable or TextCategory.OtherText && byRegion is { Action: RegionAction.Kept, Category: TextCategory.Marker }
            && (c.GlyphCount <= by.GlyphCount || c.GlyphHeight * 2 <= by.GlyphHeight) && by.Box.Intersect(c.Box).Area * 10 >= c.Box.Area * 9;
    }

    private static RegionAction Decide(TextCategory category, TextCleaningOptions options) => category switch
    {
        TextCategory.Marker => options.Markers == MarkerPolicy.Keep ? RegionAction.Kept : RegionAction.Redacted,
        TextCategory.OtherText => options.Text == TextPolicy.Identifying ? RegionAction.Kept : RegionAction.Redacted,
        _ => RegionAction.Redacted,
    };
}
