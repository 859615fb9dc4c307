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
        var scope = VerificationScope.Of(view, output.Width, output.Height, noise, painted, regions, classifier, options);
        var method = "re-detection around every redacted region and at reduced scale over the whole image; OCR of those candidates and of every redacted region's surroundings";

        // Pixels changed only inside painted boxes: detect in full around them, and elsewhere only at the reduced scale.
        var near = PixelBox.MergeOverlapping(painted.Select(p => p.Inflate(Math.Max(Math.Min(p.Height, p.Width), Verification.MinSurroundings), output.Width, output.Height)));
        var toRead = CandidatesToRead(scope, before, firstPass, detector, near);
        var (found, touched) = ReadAll(scope, toRead, near);
        var residual = found.Count;

        // Optional and slow: the whole image once at reduced size, as a second opinion.
        if (options.WholeImageVerificationSize > 0)
        {
            var factor = Math.Min(1.0, options.WholeImageVerificationSize / (double)Math.Max(output.Width, output.Height));
            residual += WholeImageResidual(scope, factor);
            method += FormattableString.Invariant($"; sparse OCR of the whole image at scale {factor:0.##}");
        }

        return (new VerificationOutcome(method, Performed: true, ResidualTextFound: residual > 0, ResidualRegionCount: residual), found, touched);
    }

    /// <summary>
    /// The candidates to read: those detected around the painted boxes, and those found at the reduced scale elsewhere
    /// (only when the view changed there), less what the first pass saw. A candidate of unchanged pixels mostly inside a
    /// first-pass one of the same polarity was seen: the first pass folds such a box into the larger one (as TextDetector
    /// does) and judged it there (a dropped texture patch must not come back as a misread "name"). A candidate touching a
    /// painted box is read whatever the first pass made of it; the first pass may have silenced it unread inside a larger echo.
    /// </summary>
    private static List<TextCandidate> CandidatesToRead(
        VerificationScope scope, byte[] before, IReadOnlyList<TextCandidate> firstPass, TextDetector detector, IReadOnlyList<PixelBox> near)
    {
        var fold = TextThresholds.Default.Detection.FoldOverlapShare;
        bool Seen(TextCandidate c) => firstPass.Any(f => f.Polarity == c.Polarity && f.Box.Intersect(c.Box).Area >= fold * c.Box.Area);
        var around = detector.DetectIn(scope.View, scope.Width, scope.Height, near, scope.Noise)
            .Where(c => scope.Touching.Any(p => p.Intersects(c.Box)) || !Seen(c));

        // Detection is deterministic, so where the view is unchanged the first pass's candidates stand; a whole-image
        // pass is only needed when the view changed outside the painted boxes (a view scaled to the image's own range
        // shifts everywhere when the darkest or brightest pixel was painted over).
        var coarse = UnchangedOutside(before, scope.View, scope.Width, scope.Painted)
            ? []
            : detector.Detect(scope.View, scope.Width, scope.Height, scope.Noise, fine: false, coarse: true)
                .Where(c => !near.Any(n => n.Intersects(c.Box)) && !Seen(c));
        return around.Concat(coarse).ToList();
    }

    /// <summary>
    /// Reads every candidate and the surroundings of every painted box: the residual regions, and the lines a painting
    /// cut. Collected in whatever order the reads finished; a second round paints them in one fixed order, so overlapping
    /// paintings come out the same on every run.
    /// </summary>
    private (List<TextRegion> Residual, List<TextRegion> Touched) ReadAll(VerificationScope scope, List<TextCandidate> toRead, IReadOnlyList<PixelBox> near)
    {
        var reader = new CandidateReader(ocr);
        var found = new List<TextRegion>();
        var touched = new List<TextRegion>();

        // As many reads at once as cores, as the first pass does: more only time-slice, and each extra call in flight
        // costs the OCR pool another engine.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, toRead.Count + near.Count, parallel, i =>
        {
            var here = i < toRead.Count ? ReadCandidate(scope, reader, toRead[i], toRead, touched) : ReadSurroundings(scope, near[i - toRead.Count]);
            if (here.Count > 0)
            {
                lock (found)
                {
                    found.AddRange(here);
                }
            }
        });

        return (InReadingOrder(found), InReadingOrder(touched));
    }

    /// <summary>
    /// One candidate read again: identifying text outside kept regions is residual (returned); a line a redaction cut
    /// into (painted over its top beside a big line it was grouped with, say) may be legible to a person though not to
    /// OCR, so text the policy removes is painted whole (added to <paramref name="touched"/>). Anatomy beside a painting
    /// (no drawn edge outside it, see EdgeCue, or texture all around, see TextureCue: the first pass's tests for unread
    /// regions) is left.
    /// </summary>
    private static List<TextRegion> ReadCandidate(VerificationScope s, CandidateReader reader, TextCandidate c, List<TextCandidate> toRead, List<TextRegion> touched)
    {
        var reading = reader.Read(c, s.View, s.Width, s.Height);
        if (IsKept(s.Regions, c.Box))
        {
            return [];
        }

        if (s.Classifier.CountResidual(reading.Words) > 0)
        {
            var (category, confidence) = s.Classifier.Classify(reading.Words);
            return [ResidualRegion(c, reading.Rotation, category, confidence, s.Options, s.Width, s.Height)];
        }

        if (IsTouchedLine(c, s.Painted, s.TouchingRead)
            && !EdgeCue.IsSoft(c.Box, s.View, s.Width, s.Height, c.GlyphHeight, s.InkThreshold, s.StrokeContrast, s.Touching)
            && !TextureCue.IsTexture(c, toRead, [], s.View, s.Width, s.Height, s.InkThreshold))
        {
            var (category, confidence) = s.Classifier.Classify(reading.Words);
            if (category == TextCategory.Unreadable || (category == TextCategory.OtherText && s.Options.Text == TextPolicy.All))
            {
                lock (touched)
                {
                    touched.Add(ResidualRegion(c, reading.Rotation, category, confidence, s.Options, s.Width, s.Height) with { Rule = TextRules.VerificationCutLine });
                }
            }
        }

        return [];
    }

    /// <summary>Sparse OCR of a painted box's surroundings as the plain image looks, for text the cues would miss: its residual words.</summary>
    private List<TextRegion> ReadSurroundings(VerificationScope s, PixelBox area)
    {
        var here = new List<TextRegion>();
        var factor = Math.Min(1.0, Verification.AreaSize / (double)Math.Max(area.Width, area.Height));
        foreach (var w in RecognizeArea(s.View, s.Width, area, OcrMode.SparseText, factor))
        {
            var box = new PixelBox(area.X + w.X, area.Y + w.Y, w.Width, w.Height).Intersect(new PixelBox(0, 0, s.Width, s.Height));
            if (s.Classifier.IsResidual(w.Text, w.Confidence) && !box.IsEmpty && !IsKept(s.Regions, box))
            {
                var word = new TextCandidate { Box = box, Polarity = TextPolarity.LightOnDark, Vertical = false, GlyphHeight = box.Height, GlyphCount = Math.Max(1, w.Text.Length), Scale = 1 };
                here.Add(ResidualRegion(word, 0, s.Classifier.ClassifyWord(w.Text), w.Confidence, s.Options, s.Width, s.Height));
            }
        }

        return here;
    }

    /// <summary>Identifying words a sparse OCR of the whole image at reduced scale reads confidently: located only at that scale, counted (the output is refused), not repainted.</summary>
    private int WholeImageResidual(VerificationScope s, double factor)
    {
        var words = RecognizeArea(s.View, s.Width, new PixelBox(0, 0, s.Width, s.Height), OcrMode.SparseText, factor);
        return words.Count(w => w.Confidence >= Math.Max(Verification.WholeImageMinConfidence, s.Options.MinWordConfidence)
            && s.Classifier.ClassifyWord(w.Text) is TextCategory.HeaderMatch or TextCategory.Date or TextCategory.Id);
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

    /// <summary>What every read of one verification shares: the painted view, the paintings, the first pass's regions and how to judge.</summary>
    private sealed record VerificationScope(
        byte[] View, int Width, int Height, double Noise, IReadOnlyList<PixelBox> Painted, List<TextRegion> Regions, TextClassifier Classifier, TextCleaningOptions Options)
    {
        /// <summary>The painted boxes, grown by the touch slack: a candidate meeting one is read whatever the first pass made of it.</summary>
        public required List<PixelBox> Touching { get; init; }

        /// <summary>
        /// The paintings of confidently read lines, grown likewise: only these can cut another line. Unread or weakly read
        /// paintings are where anatomy was taken for text, and a line "cut" there is more of the same (speckle).
        /// </summary>
        public required List<PixelBox> TouchingRead { get; init; }

        /// <summary>The ink level of the texture cue at the image's noise.</summary>
        public required int InkThreshold { get; init; }

        /// <summary>The stroke contrast of the edge cue at the image's noise.</summary>
        public required int StrokeContrast { get; init; }

        /// <summary>The scope of one verification, with the grown paintings and the cues' levels computed once.</summary>
        public static VerificationScope Of(
            byte[] view, int width, int height, double noise, IReadOnlyList<PixelBox> painted, List<TextRegion> regions, TextClassifier classifier, TextCleaningOptions options) =>
            new(view, width, height, noise, painted, regions, classifier, options)
            {
                Touching = painted.Select(p => p.Inflate(Verification.TouchPixels, width, height)).ToList(),
                TouchingRead = regions
                    .Where(r => r is { Action: RegionAction.Redacted, Category: not (TextCategory.Unreadable or TextCategory.CallerRegion) } && r.Confidence >= EchoConfidence)
                    .Select(r => r.PaintedBox!.Value.Inflate(Verification.TouchPixels, width, height)).ToList(),
                InkThreshold = TextureCue.InkThreshold(noise),
                StrokeContrast = TextDetector.StrokeContrast(noise),
            };
    }
}
