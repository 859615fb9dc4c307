using RadAnon.Core.Ocr;

namespace RadAnon.Core.Pixels.Text;

// Verification after redaction: what is read again, where, and what counts as residual identifying text.
public sealed partial class BurnedInTextCleaner
{
    /// <summary>
    /// Re-detects (the cheap cues, no OCR) in full around every painted box and at reduced scale over the whole image,
    /// and reads every candidate around a painted box or new elsewhere; then a sparse OCR of each painted box's
    /// surroundings as the plain image looks, for text the cues would miss. Elsewhere the pixels are unchanged, so the
    /// first pass's readings stand. Replaces a whole-image Tesseract pass that cost seconds per image.
    /// </summary>
    private (VerificationOutcome Outcome, List<TextRegion> Residual, List<TextRegion> Touched) Verify(
        GrayImage input, GrayImage output, byte[] before, IReadOnlyList<PixelBox> painted, List<TextRegion> regions, IReadOnlyList<TextCandidate> firstPass,
        TextDetector detector, double noise, TextClassifier classifier, TextCleaningOptions options)
    {
        // The default view is the input's, brought up to date inside the painted boxes (the rest of it cannot have changed
        // unless the painting moved the image's range, which To8BitView handles); a caller's view is recomputed in full.
        var view = options.View?.Invoke(output) ?? output.To8BitView(input, before, painted);
        var method = "re-detection around every redacted region and at reduced scale over the whole image; OCR of those candidates and of every redacted region's surroundings";

        // Pixels changed only inside painted boxes: detect in full around them, and elsewhere only at the reduced
        // scale, reading what the first pass did not see there. A candidate of unchanged pixels mostly inside a first-pass
        // one of the same polarity was seen: the first pass folds such a box into the larger one (as TextDetector does)
        // and judged it there (a dropped texture patch must not come back as a misread "name").
        var fold = TextThresholds.Default.Detection.FoldOverlapShare;
        bool Seen(TextCandidate c) => firstPass.Any(f => f.Polarity == c.Polarity && f.Box.Intersect(c.Box).Area >= fold * c.Box.Area);
        var near = PixelBox.MergeOverlapping(painted.Select(p => p.Inflate(Math.Max(Math.Min(p.Height, p.Width), Verification.MinSurroundings), output.Width, output.Height)));
        // A candidate touching a painted box (the line below a redacted one ends where its painting starts) is read
        // whatever the first pass made of it; the first pass may have silenced it unread inside a larger echo.
        var touching = painted.Select(p => p.Inflate(Verification.TouchPixels, output.Width, output.Height)).ToList();
        // Only a confidently read line's painting can cut another line: unread or weakly read paintings are where anatomy
        // was taken for text, and a line "cut" there is more of the same (a narrow-window topogram's speckle).
        var touchingRead = regions.Where(r => r is { Action: RegionAction.Redacted, Category: not (TextCategory.Unreadable or TextCategory.CallerRegion) } && r.Confidence >= EchoConfidence)
            .Select(r => r.PaintedBox!.Value.Inflate(Verification.TouchPixels, output.Width, output.Height)).ToList();
        var around = detector.DetectIn(view, output.Width, output.Height, near, noise)
            .Where(c => touching.Any(p => p.Intersects(c.Box)) || !Seen(c));

        // Detection is deterministic, so where the view is unchanged the first pass's candidates stand; a whole-image
        // pass is only needed when the view changed outside the painted boxes (a view scaled to the image's own range
        // shifts everywhere when the darkest or brightest pixel was painted over).
        var coarse = UnchangedOutside(before, view, output.Width, painted)
            ? []
            : detector.Detect(view, output.Width, output.Height, noise, fine: false, coarse: true)
                .Where(c => !near.Any(n => n.Intersects(c.Box)) && !Seen(c));
        var toRead = around.Concat(coarse).ToList();
        var reader = new CandidateReader(ocr);
        var inkThreshold = TextureCue.InkThreshold(noise);
        var strokeContrast = TextDetector.StrokeContrast(noise);
        var residual = 0;
        var found = new List<TextRegion>();
        var touched = new List<TextRegion>();

        // As many reads at once as cores, as the first pass does: more only time-slice, and each extra call in flight
        // costs the OCR pool another engine.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, toRead.Count + near.Count, parallel, i =>
        {
            var here = new List<TextRegion>();
            if (i < toRead.Count)
            {
                var c = toRead[i];
                var reading = reader.Read(c, view, output.Width, output.Height);
                var kept = IsKept(regions, c.Box);
                if (!kept && classifier.CountResidual(reading.Words) > 0)
                {
                    var (category, confidence) = classifier.Classify(reading.Words);
                    here.Add(ResidualRegion(c, reading.Rotation, category, confidence, options, output.Width, output.Height));
                }
                else if (!kept && IsTouchedLine(c, painted, touchingRead)
                    && !EdgeCue.IsSoft(c.Box, view, output.Width, output.Height, c.GlyphHeight, inkThreshold, strokeContrast, touching)
                    && !TextureCue.IsTexture(c, toRead, [], view, output.Width, output.Height, inkThreshold))
                {
                    // A line a redaction cut into (painted over its top beside a big line it was grouped with, say): what
                    // is left may be legible to a person though not to OCR. Text the policy removes is painted whole;
                    // anatomy beside a painting (no drawn edge outside it, see EdgeCue, or texture all around, see
                    // TextureCue: the first pass's tests for unread regions) is left.
                    var (category, confidence) = classifier.Classify(reading.Words);
                    if (category == TextCategory.Unreadable || (category == TextCategory.OtherText && options.Text == TextPolicy.All))
                    {
                        lock (touched)
                        {
                            touched.Add(ResidualRegion(c, reading.Rotation, category, confidence, options, output.Width, output.Height) with { Rule = TextRules.VerificationCutLine });
                        }
                    }
                }
            }
            else
            {
                var area = near[i - toRead.Count];
                var factor = Math.Min(1.0, Verification.AreaSize / (double)Math.Max(area.Width, area.Height));
                foreach (var w in RecognizeArea(view, output.Width, area, OcrMode.SparseText, factor))
                {
                    var box = new PixelBox(area.X + w.X, area.Y + w.Y, w.Width, w.Height).Intersect(new PixelBox(0, 0, output.Width, output.Height));
                    if (classifier.IsResidual(w.Text, w.Confidence) && !box.IsEmpty && !IsKept(regions, box))
                    {
                        var word = new TextCandidate { Box = box, Polarity = TextPolarity.LightOnDark, Vertical = false, GlyphHeight = box.Height, GlyphCount = Math.Max(1, w.Text.Length), Scale = 1 };
                        here.Add(ResidualRegion(word, 0, classifier.ClassifyWord(w.Text), w.Confidence, options, output.Width, output.Height));
                    }
                }
            }

            if (here.Count > 0)
            {
                Interlocked.Add(ref residual, here.Count);
                lock (found)
                {
                    found.AddRange(here);
                }
            }
        });

        // Optional and slow: the whole image once at reduced size, as a second opinion.
        if (options.WholeImageVerificationSize > 0)
        {
            var factor = Math.Min(1.0, options.WholeImageVerificationSize / (double)Math.Max(output.Width, output.Height));
            var words = RecognizeArea(view, output.Width, new PixelBox(0, 0, output.Width, output.Height), OcrMode.SparseText, factor);
            // Located only at reduced scale: counted (the output is refused), not repainted.
            residual += words.Count(w => w.Confidence >= Math.Max(Verification.WholeImageMinConfidence, options.MinWordConfidence)
                && classifier.ClassifyWord(w.Text) is TextCategory.HeaderMatch or TextCategory.Date or TextCategory.Id);
            method += FormattableString.Invariant($"; sparse OCR of the whole image at scale {factor:0.##}");
        }

        // Collected in whatever order the reads finished; a second round paints them in one fixed order, so overlapping
        // paintings come out the same on every run.
        return (new VerificationOutcome(method, Performed: true, ResidualTextFound: residual > 0, ResidualRegionCount: residual), InReadingOrder(found), InReadingOrder(touched));
    }

    private static List<TextRegion> InReadingOrder(List<TextRegion> regions) =>
        [.. regions.OrderBy(r => r.Box.Y).ThenBy(r => r.Box.X).ThenBy(r => r.Box.Width).ThenBy(r => r.Box.Height).ThenBy(r => r.Category)];

    /// <summary>A line of glyphs (uniform, two or more) that a read line's painting cuts or touches: mostly not painted.</summary>
    private static bool IsTouchedLine(TextCandidate c, IReadOnlyList<PixelBox> painted, IReadOnlyList<PixelBox> touching)
    {
        if (!c.Uniform || c.GlyphCount < 2 || !touching.Any(p => p.Intersects(c.Box)))
        {
            return false;
        }

        var covered = painted.Sum(p => (long)p.Intersect(c.Box).Area);
        return covered * 2 < c.Box.Area;
    }

    /// <summary>A region verification found (identifying text, or a line a painting cut), to be painted in a second round.</summary>
    private static TextRegion ResidualRegion(TextCandidate c, int rotation, TextCategory category, float confidence, TextCleaningOptions options, int width, int height) => new()
    {
        Box = c.Box,
        Rotation = rotation,
        Category = category,
        Action = RegionAction.Redacted,
        Method = options.Redaction,
        Confidence = confidence,
        GlyphHeight = c.GlyphHeight,
        PaintedBox = Painted(c, width, height),
        Rule = TextRules.VerificationResidual,
    };

    /// <summary>True when the two views differ only inside the painted boxes.</summary>
    internal static bool UnchangedOutside(byte[] before, byte[] after, int width, IReadOnlyList<PixelBox> painted)
    {
        // Row by row, only the runs between painted boxes are compared: no copy of the view is patched to compare it whole.
        var height = before.Length / width;
        var covering = new List<(int X0, int X1)>();
        for (var y = 0; y < height; y++)
        {
            covering.Clear();
            foreach (var box in painted)
            {
                if (y >= box.Y && y < box.Bottom && box.Width > 0)
                {
                    covering.Add((Math.Clamp(box.X, 0, width), Math.Clamp(box.Right, 0, width)));
                }
            }

            covering.Sort();
            var row = y * width;
            var x = 0;
            foreach (var (x0, x1) in covering)
            {
                if (x0 > x && !before.AsSpan(row + x, x0 - x).SequenceEqual(after.AsSpan(row + x, x0 - x)))
                {
                    return false;
                }

                x = Math.Max(x, x1);
            }

            if (x < width && !before.AsSpan(row + x, width - x).SequenceEqual(after.AsSpan(row + x, width - x)))
            {
                return false;
            }
        }

        return true;
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
