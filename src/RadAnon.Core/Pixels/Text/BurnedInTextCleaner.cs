using System.Collections.Concurrent;
using System.Diagnostics;
using RadAnon.Core.Ocr;

namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// Finds and removes burned-in text: cheap cues find text-like regions on the full-resolution image, Tesseract reads
/// only those, the classifier keeps allowlisted markers (and clinical text when asked), everything else is painted
/// over, and the result is checked by detecting and reading again. Fails closed: unreadable text-like regions are
/// removed, and readable identifying text after redaction throws <see cref="ResidualTextException"/>.
/// </summary>
public sealed class BurnedInTextCleaner
{
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
        var view = image.To8BitView();
        var candidates = detector.Detect(view, image.Width, image.Height, out var maps);
        var detectMs = clock.Elapsed.TotalMilliseconds;

        clock.Restart();
        var classifier = new TextClassifier(new HeaderValueMatcher(headerValues), options.MarkerAllowlist, options.MinWordConfidence);
        var regions = ReadAndDecide(candidates, view, classifier, options, image.Width, image.Height);
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

        var ocrMs = clock.Elapsed.TotalMilliseconds;

        clock.Restart();
        var output = image.Clone();
        var painted = RegionRedactor.Redact(output, regions.Where(r => r.Action == RegionAction.Redacted).Select(r => r.PaintedBox!.Value), options.Redaction, options.FillValue);
        var redactMs = clock.Elapsed.TotalMilliseconds;

        clock.Restart();
        var verification = options.Verify
            ? Verify(output, painted, regions, detector, classifier, options)
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
    /// a thin first or last character (I, 1, a colon) may have missed the line grouping.
    /// </summary>
    internal static PixelBox Painted(TextCandidate c, int width, int height)
    {
        var across = 3 + (c.GlyphHeight / 4);
        var along = 3 + (c.GlyphHeight * 3 / 4);
        var (mx, my) = c.Vertical ? (across, along) : (along, across);
        var x0 = Math.Max(0, c.Box.X - mx);
        var y0 = Math.Max(0, c.Box.Y - my);
        return new PixelBox(x0, y0, Math.Min(width, c.Box.Right + mx) - x0, Math.Min(height, c.Box.Bottom + my) - y0);
    }

    private List<TextRegion> ReadAndDecide(
        IReadOnlyList<TextCandidate> candidates, byte[] view, TextClassifier classifier, TextCleaningOptions options, int width, int height)
    {
        var reader = new CandidateReader(ocr);
        var results = new ConcurrentBag<(int Index, TextRegion Region)>();
        Parallel.For(0, candidates.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var c = candidates[i];
            var reading = reader.Read(c, view, width, height);
            var (category, confidence) = classifier.Classify(reading.Words);
            var action = Decide(category, options);
            if (action == RegionAction.Redacted && options.VetoRegions.Any(v => v.Intersect(c.Box).Area * 2 >= c.Box.Area))
            {
                action = RegionAction.Vetoed;
            }

            results.Add((i, new TextRegion
            {
                Box = c.Box,
                Rotation = reading.Rotation,
                Category = category,
                Action = action,
                Method = action == RegionAction.Redacted ? options.Redaction : null,
                Confidence = confidence,
                GlyphHeight = c.GlyphHeight,
                PaintedBox = Painted(c, width, height),
            }));
        });

        var ordered = results.OrderBy(r => r.Index).ToList();
        return DropWeakerOppositePolarity(ordered.Select(r => (candidates[r.Index], r.Region)).ToList());
    }

    /// <summary>
    /// Light text also makes a black-hat response in its counters and gaps, and dark text a top-hat one. When two
    /// readings of opposite polarity cover the same place, the less confident one is the echo and is dropped; when
    /// neither was read, both stay (fail closed).
    /// </summary>
    private static List<TextRegion> DropWeakerOppositePolarity(List<(TextCandidate Candidate, TextRegion Region)> items)
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
                var overlap = ci.Box.Intersect(cj.Box).Area;
                if (overlap >= 0.5 * Math.Min(ci.Box.Area, cj.Box.Area) && cj.Box.Area <= 2.5 * ci.Box.Area && ri.Confidence >= 55)
                {
                    dropped[j] = true;
                }
            }
        }

        return items.Where((_, k) => !dropped[k]).Select(x => x.Region).ToList();
    }

    private static RegionAction Decide(TextCategory category, TextCleaningOptions options) => category switch
    {
        TextCategory.Marker => options.Markers == MarkerPolicy.Keep ? RegionAction.Kept : RegionAction.Redacted,
        TextCategory.OtherText => options.Text == TextPolicy.Identifying ? RegionAction.Kept : RegionAction.Redacted,
        _ => RegionAction.Redacted,
    };

    private static ContrastMap MapFor(IReadOnlyList<ContrastMap> maps, TextCandidate c) =>
        maps.First(m => m.Scale == c.Scale && m.Polarity == c.Polarity);

    private VerificationOutcome Verify(
        GrayImage output, IReadOnlyList<PixelBox> painted, List<TextRegion> regions, TextDetector detector, TextClassifier classifier, TextCleaningOptions options)
    {
        var view = output.To8BitView();
        var residual = 0;
        var method = "re-detection and OCR of every redacted region and its surroundings";

        // 1. Detect again; read every candidate near a painted box.
        var candidates = detector.Detect(view, output.Width, output.Height, out var maps);
        var reader = new CandidateReader(ocr);
        var near = painted.Select(p => p.Inflate(Math.Max(p.Height, 16), output.Width, output.Height)).ToList();
        foreach (var c in candidates.Where(c => near.Any(n => n.Intersects(c.Box))))
        {
            var (category, _) = classifier.Classify(reader.Read(c, view, output.Width, output.Height).Words);
            if (TextClassifier.IsIdentifying(category) && !IsKept(regions, c.Box))
            {
                residual++;
            }
        }

        // 2. Sparse OCR of each painted box with its surroundings, as the plain image looks (no contrast map).
        foreach (var area in near)
        {
            var words = RecognizeArea(view, output.Width, area, OcrMode.SparseText, 1.0);
            residual += words.Count(w => w.Confidence >= options.MinWordConfidence
                && TextClassifier.IsIdentifying(classifier.ClassifyWord(w.Text)) && w.Text.Length >= 3
                && !IsKept(regions, new PixelBox(area.X + w.X, area.Y + w.Y, w.Width, w.Height)));
        }

        // 3. The whole image once at reduced size: dates, IDs and header values anywhere mean something was missed.
        if (options.WholeImageVerificationSize > 0)
        {
            var factor = Math.Min(1.0, options.WholeImageVerificationSize / (double)Math.Max(output.Width, output.Height));
            var words = RecognizeArea(view, output.Width, new PixelBox(0, 0, output.Width, output.Height), OcrMode.SparseText, factor);
            residual += words.Count(w => w.Confidence >= Math.Max(70, options.MinWordConfidence)
                && classifier.ClassifyWord(w.Text) is TextCategory.HeaderMatch or TextCategory.Date or TextCategory.Id);
            method += $"; sparse OCR of the whole image at scale {factor:0.##}";
        }

        return new VerificationOutcome(method, Performed: true, ResidualTextFound: residual > 0, ResidualRegionCount: residual);
    }

    private static bool IsKept(List<TextRegion> regions, PixelBox box) =>
        regions.Any(r => r.Action != RegionAction.Redacted && r.Box.Intersect(box).Area * 2 >= box.Area);

    /// <summary>OCR of one area of the 8-bit view, optionally shrunk; word boxes come back in area coordinates.</summary>
    private IReadOnlyList<OcrWord> RecognizeArea(byte[] view, int stride, PixelBox area, OcrMode mode, double factor)
    {
        var w = Math.Max(1, (int)(area.Width * factor));
        var h = Math.Max(1, (int)(area.Height * factor));
        var buffer = new byte[w * h];
        for (var y = 0; y < h; y++)
        {
            var sy = area.Y + Math.Min(area.Height - 1, (int)(y / factor));
            for (var x = 0; x < w; x++)
            {
                var sx = area.X + Math.Min(area.Width - 1, (int)(x / factor));
                buffer[(y * w) + x] = view[(sy * stride) + sx];
            }
        }

        var words = ocr.Recognize(buffer, w, h, w, mode);
        return factor == 1.0 ? words : words.Select(word => word with
        {
            X = (int)(word.X / factor), Y = (int)(word.Y / factor), Width = (int)(word.Width / factor), Height = (int)(word.Height / factor),
        }).ToList();
    }
}
