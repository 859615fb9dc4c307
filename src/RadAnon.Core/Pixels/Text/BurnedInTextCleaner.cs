using System.Diagnostics;
using RadAnon.Core.Ocr;
using RadAnon.Core.Pixels.Text.Learned;

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

    /// <summary>Below this, a name or other-text reading of a region without drawn edges is taken for anatomy.</summary>
    private const float SoftReadingConfidence = 70;

    /// <summary>A lone shape read as at most this many characters of non-identifying text is no text on its own.</summary>
    private const int MaxLoneGlyphCharacters = 2;

    private readonly IOcr ocr;
    private readonly ILearnedTextDetector learned;

    /// <param name="ocr">Usually a shared <see cref="TesseractOcr"/>; it must be safe to call from several threads.</param>
    /// <param name="learned">The learned text detector; by default the installed model, loaded once per process.</param>
    public BurnedInTextCleaner(IOcr ocr, ILearnedTextDetector? learned = null)
    {
        ArgumentNullException.ThrowIfNull(ocr);
        this.ocr = ocr;
        this.learned = learned ?? LazyTextDetector.Shared;
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
        var overview = learned.Detect(view, image.Width, image.Height, [LearnedPassPlan.Overview(image.Width, image.Height, learned.Settings)]);
        var detectMs = clock.Elapsed.TotalMilliseconds;

        clock.Restart();
        var classifier = new TextClassifier(new HeaderValueMatcher(headerValues), options.MarkerAllowlist, options.MinWordConfidence);
        var (regions, map) = GuardByLearnedText(ReadAndDecide(candidates, view, classifier, options, image.Width, image.Height, noise), overview, view, image.Width, image.Height);
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
        var verification = new VerificationOutcome("none", Performed: false, ResidualTextFound: false, ResidualRegionCount: 0);
        if (options.Verify)
        {
            (verification, var residual, var touched) = Verify(image, output, view, painted, regions, candidates, detector, noise, classifier, options);
            var located = !verification.ResidualTextFound || residual.Count == verification.ResidualRegionCount;
            var second = residual.Concat(touched).ToList();
            if (located && second.Count > 0)
            {
                // Every residual was located (text the first pass missed, such as digits run together into one bar), or a
                // line was cut by a redaction: paint those too and verify the result again from the start. Whatever the
                // second verification finds refuses the image as before; there is no third round.
                regions.AddRange(second);
                painted = [.. painted, .. RegionRedactor.Redact(output, second.Select(r => r.PaintedBox!.Value), options.Redaction, options.FillValue)];
                var (again, _, _) = Verify(image, output, view, painted, regions, candidates, detector, noise, classifier, options);
                verification = again with
                {
                    Method = again.Method + FormattableString.Invariant(
                        $"; {residual.Count} residual and {touched.Count} cut region(s) found by the first verification were painted and everything verified again"),
                };
            }
        }

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
            TextDetector = learned.ModelId,
            LearnedBoxCount = map.Boxes.Count,
            Timings = new StageTimings(detectMs, ocrMs, redactMs, verifyMs),
        };
    }

    private List<TextRegion> ReadAndDecide(
        IReadOnlyList<TextCandidate> candidates, byte[] view, TextClassifier classifier, TextCleaningOptions options, int width, int height, double noise)
    {
        var inkThreshold = TextureCue.InkThreshold(noise);
        var strokeContrast = TextDetector.StrokeContrast(noise);
        var reader = new CandidateReader(ocr);
        var regions = new TextRegion?[candidates.Count];
        var splitMarkers = new TextRegion?[candidates.Count];
        var fewLetters = new bool[candidates.Count];
        var loneUnread = new bool[candidates.Count];
        var readCharacters = new int[candidates.Count];

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
            readCharacters[i] = reading.Words.Sum(w => w.Text.Count(char.IsLetterOrDigit));
            if (category is TextCategory.Name or TextCategory.OtherText or TextCategory.Unreadable && !c.Vertical && (c.Uniform || category != TextCategory.Unreadable)
                && (category == TextCategory.Unreadable || classifier.IsNearMarker(reading.Words))
                && LineContinuation.TryInkLevel(c.Box, view, width, c.Polarity == TextPolarity.LightOnDark, noise, out var inkValue, out var tolerance))
            {
                // A near-marker or unread short line gets a second reading of its pixels at its own ink value: a marker
                // placed across a collimation edge loses the strokes on the bright side to the hat (LAT read "LAI"). A
                // near-marker reading gets it even when the line is not one ink (a big PORTABLE over bone read "ORTABLE"):
                // only a marker read there is taken; an unread line that is not one ink is anatomy (dropped below).
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

            var weak = category == TextCategory.Unreadable || (category is TextCategory.Name or TextCategory.OtherText && confidence < SoftReadingConfidence);
            if ((category == TextCategory.Unreadable && (!c.Uniform || c.GlyphCount == 1)) || (weak && c.InsideLarger))
            {
                // Not read, and either not like one font in one colour (anatomy that lined up) or one lone blob that no
                // reading made a character of: neither is text that could identify anyone. (Dropping a few large unread
                // blobs as well cut synthetic collateral by a third but left identifying words readable in two real
                // corpus files, SC1_JPLY and gdcm-US-ALOKA-16: merged bold glyphs are few large blobs too.) A small
                // line left inside a larger non-uniform candidate, read as nothing or weakly as a word no header holds,
                // goes as that candidate's part would have gone (speckle in a narrow-window topogram reads "names").
                loneUnread[i] = c.GlyphCount == 1;
                return;
            }

            if (category == TextCategory.OtherText && (c.GlyphCount == 1 || !c.Uniform) && readCharacters[i] <= MaxLoneGlyphCharacters)
            {
                // A character or two of no identifying kind, read from one shape or from shapes that are not one font in
                // one colour: a character or two identifies no one, and a device (a compression paddle, a clip) is more
                // often read so than text is. It goes as a lone unread blob does: redacted only in line with a redacted line.
                loneUnread[i] = true;
                return;
            }

            if (category is not TextCategory.Unreadable and not TextCategory.Marker && confidence >= SoftReadingConfidence
                && AnatomyTrim.ToWords(c, reading, view, width, height, inkThreshold, strokeContrast) is { } trimmed)
            {
                // Read confidently, and what lies across the line beyond its words is smooth anatomy the grouping took in.
                c = lines[i] = c with { Box = trimmed };
            }

            var action = Decide(category, options);
            if (action == RegionAction.Redacted && options.VetoRegions.Any(v => v.Intersect(c.Box).Area * 2 >= c.Box.Area))
            {
                action = RegionAction.Vetoed;
            }

            if (action == RegionAction.Redacted && options.Markers == MarkerPolicy.Keep && category != TextCategory.Unreadable
                && MarkerSplitter.TrySplit(c, EndMarkerReader.Reread(c, reading, reader, classifier, view, width, height, strokeContrast), classifier) is { } split)
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

            // A letter or two Tesseract made of a line that is not one font in one colour (a bone tip grouped with a
            // marker's box) is no better evidence of text than a weak reading, however confident it says it is.
            fewLetters[i] = !c.Uniform && reading.Words.Sum(w => w.Text.Count(char.IsLetterOrDigit)) <= 2;
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

        // A confidently read line silences its echo only with more glyphs of its own: a marker's backing square grouped
        // with the first digit of a rotated date has two components, but one is the date's, which is read on its own.
        var readLines = Enumerable.Range(0, candidates.Count).Where(k => regions[k] is not null).ToList();
        var readItems = readLines.Select(k => (lines[k], regions[k]!)).ToList();
        bool OnlyAsManyGlyphsBesideCrossingLines(int line, int echo) =>
            WithoutCrossingLines(readItems, readLines.IndexOf(line)) is { } rest && rest.GlyphCount <= candidates[echo].GlyphCount;

        // Nor does a reading that accounts for under half the line's glyphs ("a" from the five gaps of a bold "LAT": the
        // gaps were the line, the letters its echo).
        var echoes = Enumerable.Range(0, candidates.Count).Where(i => echoOf[i] >= 0 && (regions[echoOf[i]] is not { Confidence: >= EchoConfidence }
            || readCharacters[echoOf[i]] * 2 < candidates[echoOf[i]].GlyphCount
            || OnlyAsManyGlyphsBesideCrossingLines(echoOf[i], i))).ToList();
        Parallel.ForEach(echoes, parallel, ReadOne);

        // A lone blob no reading made a character of is no text on its own, but in line with a confidently read line that
        // is redacted, within the walk's gap of its end and of its glyph size, it is the rest of that line: the last
        // digits of a rotated ID past a line that crosses it, which read alone as nothing. Redacted unread (the anatomy
        // tests below still apply), and followed as that line is (the next digit may stand on a background too bright to
        // be found).
        var redactedLines = Enumerable.Range(0, candidates.Count)
            .Where(k => regions[k] is { Action: RegionAction.Redacted, Category: not TextCategory.Unreadable, Confidence: >= EchoConfidence })
            .Select(k => lines[k]).ToList();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (loneUnread[i] && redactedLines.FirstOrDefault(line => IsLoneGlyphOf(candidates[i], line)) is { } parent)
            {
                lines[i] = candidates[i] with { Vertical = parent.Vertical, GlyphHeight = parent.GlyphHeight };
                regions[i] = new TextRegion
                {
                    Box = candidates[i].Box, Rotation = 0, Category = TextCategory.Unreadable, Action = RegionAction.Redacted,
                    Method = options.Redaction, Confidence = 0, GlyphHeight = candidates[i].GlyphHeight, PaintedBox = Painted(candidates[i], width, height),
                };
            }
        }

        // Not read (or read weakly as a word no header holds), and no edge in it as steep as a drawn glyph's: smooth
        // anatomy such as overlapping bone shadows, which Tesseract sometimes makes a word of. Edges inside what other
        // readings explain (the box of a kept marker, or what is painted of a redacted line whatever its ends) do not
        // count: a shadow across the top of a marker, the backing box around a big light line.
        var explained = Enumerable.Range(0, candidates.Count)
            .Where(i => regions[i] is { Category: not TextCategory.Unreadable, Confidence: >= EchoConfidence })
            .Select(i => (Index: i, Box: Explained(regions[i]!, width, height))).ToList();
        Parallel.For(0, candidates.Count, parallel, i =>
        {
            if (regions[i] is { } r && (IsWeakReading(r) || fewLetters[i])
                && EdgeCue.IsSoft(r.Box, view, width, height, r.GlyphHeight, inkThreshold, strokeContrast, explained.Where(e => e.Index != i).Select(e => e.Box).ToList()))
            {
                regions[i] = null;
            }
        });

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

        var present = Enumerable.Range(0, candidates.Count).Where(i => regions[i] is not null).ToList();
        var splits = Enumerable.Range(0, candidates.Count).Where(i => splitMarkers[i] is not null).ToList();
        var items = present.Select(i => (lines[i], regions[i]!))
            .Concat(splits.Select(i => (lines[i] with { Box = splitMarkers[i]!.Box, GlyphCount = 1 }, splitMarkers[i]!)))
            .ToList();
        var detected = present.Select(i => candidates[i].Box).Concat(splits.Select(i => splitMarkers[i]!.Box)).ToList();
        var survivors = DropWeakerOppositePolarity(items, detected);
        survivors = survivors.Select(x => x.Region is { Action: RegionAction.Kept, Category: TextCategory.Marker, SplitFromLine: false } && IsPartOfLine(x, survivors)
            ? (x.Candidate, x.Region with { Action = RegionAction.Redacted, Category = TextCategory.OtherText, Method = options.Redaction })
            : x).ToList();

        // Redacted lines are followed past the part the detector found (see LineContinuation), never into a kept marker,
        // and a line's painting stops at a marker split off beside it.
        var kept = survivors.Where(x => x.Region.Action == RegionAction.Kept).Select(x => x.Region.Box).ToList();
        var split = survivors.Where(x => x.Region.SplitFromLine).Select(x => x.Region.Box).ToList();
        return survivors.Select(x => x.Region.Action == RegionAction.Redacted ? Continued(x.Candidate, x.Region, view, width, height, noise, kept, split) : x.Region).ToList();
    }

    /// <summary>
    /// What a confident reading accounts for: what is surely painted of a redacted line; a kept marker's box with the
    /// rim of a backing box drawn around its letters (an eighth of a glyph; a quarter measured the same on every
    /// synthetic set, so the narrower rim stays).
    /// </summary>
    private static PixelBox Explained(TextRegion region, int width, int height) => region.Action == RegionAction.Redacted
        ? SurelyPainted(region, width, height)
        : region.Box.Inflate(2 + (region.GlyphHeight / 8), width, height);

    /// <summary>Not read, or read as a name or other text no more confidently than anatomy is sometimes read.</summary>
    private static bool IsWeakReading(TextRegion r) =>
        r.Category == TextCategory.Unreadable || (r.Category is TextCategory.Name or TextCategory.OtherText && r.Confidence < SoftReadingConfidence);

    private static RegionAction Decide(TextCategory category, TextCleaningOptions options) => category switch
    {
        TextCategory.Marker => options.Markers == MarkerPolicy.Keep ? RegionAction.Kept : RegionAction.Redacted,
        TextCategory.OtherText => options.Text == TextPolicy.Identifying ? RegionAction.Kept : RegionAction.Redacted,
        _ => RegionAction.Redacted,
    };
}
