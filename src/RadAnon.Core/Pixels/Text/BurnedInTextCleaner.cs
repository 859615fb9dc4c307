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
    private static float EchoConfidence => TextThresholds.Default.Rules.EchoConfidence;

    private static RuleThresholds Rules => TextThresholds.Default.Rules;

    private static TextThresholds.PaintingThresholds Painting => TextThresholds.Default.Painting;

    private static TextThresholds.VerificationThresholds Verification => TextThresholds.Default.Verification;

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
        var found = Find(image, options);
        var detectMs = clock.Elapsed.TotalMilliseconds;

        clock.Restart();
        var classifier = new TextClassifier(new HeaderValueMatcher(headerValues), options.MarkerAllowlist, options.MinWordConfidence);
        var board = TextDecider.Decide(found.Candidates, Context(image, found, classifier, options));
        var regions = board.Survivors.Select(x => x.Region).Concat(CallerRegions(options, image.Width, image.Height)).ToList();
        ExtendThroughKeptRegions(regions);
        var ocrMs = clock.Elapsed.TotalMilliseconds;

        clock.Restart();
        var output = image.Clone();
        var painted = RegionRedactor.Redact(output, regions.Where(r => r.Action == RegionAction.Redacted).Select(r => r.PaintedBox!.Value), options.Redaction, options.FillValue);
        var redactMs = clock.Elapsed.TotalMilliseconds;

        clock.Restart();
        var verification = options.Verify
            ? VerifyInRounds(image, output, found, painted, regions, board, classifier)
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
            TextDetector = learned.ModelId,
            Timings = new StageTimings(detectMs, ocrMs, redactMs, verifyMs),
        };
    }

    /// <summary>The glyph detector's candidates and the learned detector's overview of the display view.</summary>
    private Detection Find(GrayImage image, TextCleaningOptions options)
    {
        var detector = new TextDetector(new TextDetectorSettings { MinGlyphHeight = options.MinGlyphHeight, MaxGlyphHeight = options.MaxGlyphHeight });
        var view = options.View?.Invoke(image) ?? image.To8BitView();
        var noise = TextDetector.EstimateNoise(view, image.Width, image.Height);
        var candidates = detector.Detect(view, image.Width, image.Height, noise, fine: true, coarse: true);
        var overview = learned.Detect(view, image.Width, image.Height, [LearnedPassPlan.Overview(image.Width, image.Height, learned.Settings)]);
        return new Detection(detector, view, noise, candidates, overview);
    }

    private DecisionContext Context(GrayImage image, Detection found, TextClassifier classifier, TextCleaningOptions options) => new()
    {
        View = found.View, Width = image.Width, Height = image.Height, Noise = found.Noise, Options = options, Classifier = classifier,
        Reader = new CandidateReader(ocr), Learned = learned, Overview = found.Overview,
    };

    /// <summary>The caller's boxes to remove, clipped to the image.</summary>
    private static IEnumerable<TextRegion> CallerRegions(TextCleaningOptions options, int width, int height) =>
        options.AddRegions.Select(box => box.Intersect(new PixelBox(0, 0, width, height))).Where(b => !b.IsEmpty).Select(clipped => new TextRegion
        {
            Box = clipped, Rotation = 0, Category = TextCategory.CallerRegion, Action = RegionAction.Redacted,
            Method = options.Redaction, Confidence = 0, GlyphHeight = 0, PaintedBox = clipped, Rule = TextRules.CallerRegion,
        });

    /// <summary>
    /// Verifies the painted image. When every residual was located (text the first pass missed, such as digits run
    /// together into one bar), or a line was cut by a redaction, those are painted too and everything is verified again
    /// from the start. Whatever the second verification finds refuses the image; there is no third round.
    /// </summary>
    private VerificationOutcome VerifyInRounds(
        GrayImage image, GrayImage output, Detection found, IReadOnlyList<PixelBox> painted, List<TextRegion> regions, DecisionBoard board, TextClassifier classifier)
    {
        var options = board.Context.Options;
        var (verification, residual, touched) = Verify(image, output, found.View, painted, regions, found.Candidates, found.Detector, found.Noise, classifier, options);
        var located = !verification.ResidualTextFound || residual.Count == verification.ResidualRegionCount;

        // A line a painting cut is painted only on the evidence every region needs (see LearnedSupport); identifying
        // residual text always is.
        var cut = LearnedSupport.Supported(touched, board.Map, board.Context).Kept.Select(x => x.Region);
        var second = residual.Concat(cut).ToList();
        if (!located || second.Count == 0)
        {
            return verification;
        }

        regions.AddRange(second);
        painted = [.. painted, .. RegionRedactor.Redact(output, second.Select(r => r.PaintedBox!.Value), options.Redaction, options.FillValue)];
        var (again, _, _) = Verify(image, output, found.View, painted, regions, found.Candidates, found.Detector, found.Noise, classifier, options);
        return again with
        {
            Method = again.Method + FormattableString.Invariant(
                $"; {residual.Count} residual and {touched.Count} cut region(s) found by the first verification were painted and everything verified again"),
        };
    }

    /// <summary>What the detectors found in the image: the view they looked at, its noise, the glyph candidates, the learned overview.</summary>
    private sealed record Detection(TextDetector Detector, byte[] View, double Noise, IReadOnlyList<TextCandidate> Candidates, TextProbabilityMap Overview);
}
