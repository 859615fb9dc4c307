using RadAnon.Core.Ocr;
using RadAnon.Core.Pixels.Text;
using RadAnon.Core.Pixels.Text.Learned;

namespace RadAnon.Core.Tests.Pixels.Text.Rules;

/// <summary>Hand-made evidence for rule tests: a flat view, an OCR that reads nothing, a learned map of given boxes.</summary>
internal static class RuleKit
{
    public const int Width = 400;
    public const int Height = 300;

    public static byte[] FlatView(byte value = 100) => Enumerable.Repeat(value, Width * Height).ToArray();

    public static DecisionContext Context(byte[]? view = null, TextCleaningOptions? options = null, IReadOnlyList<LearnedTextBox>? learned = null, IOcr? ocr = null)
    {
        var detector = new FixedMap(learned ?? []);
        return new DecisionContext
        {
            View = view ?? FlatView(), Width = Width, Height = Height, Noise = 1, Options = options ?? new TextCleaningOptions(),
            Classifier = new TextClassifier(new HeaderValueMatcher([]), TextCleaningOptions.DefaultMarkers, 55),
            Reader = new CandidateReader(ocr ?? new ReadsNothing()), Learned = detector,
            Overview = detector.Detect([], Width, Height, []),
        };
    }

    public static TextCandidate Candidate(PixelBox box, int glyphs = 5, bool uniform = true, TextPolarity polarity = TextPolarity.LightOnDark, bool insideLarger = false) => new()
    {
        Box = box, Polarity = polarity, Vertical = false, GlyphHeight = box.Height, GlyphCount = glyphs, Scale = 1, Uniform = uniform, InsideLarger = insideLarger,
    };

    /// <summary>A candidate read as <paramref name="category"/> with the given confidence and characters.</summary>
    public static CandidateState Read(TextCandidate candidate, TextCategory category, float confidence = 90, string text = "")
    {
        var words = text.Length == 0 ? [] : new[] { new OcrWord(text, 0, 0, candidate.Box.Width, candidate.Box.Height, confidence) };
        return new CandidateState(0, candidate)
        {
            Category = category, Confidence = confidence, Reading = new CandidateReading(words, 0),
            ReadCharacters = text.Count(char.IsLetterOrDigit),
        };
    }

    public static TextRegion Region(PixelBox box, TextCategory category, RegionAction action, float confidence = 90) => new()
    {
        Box = box, Rotation = 0, Category = category, Action = action, Method = action == RegionAction.Redacted ? RedactionMethod.Blur : null,
        Confidence = confidence, GlyphHeight = box.Height, PaintedBox = box,
    };

    /// <summary>An OCR that reads the same words wherever it looks.</summary>
    public sealed class Reads(string text, float confidence) : IOcr
    {
        public string Version => "reads-" + text;

        public IReadOnlyList<OcrWord> Recognize(ReadOnlySpan<byte> gray8, int width, int height, int stride, OcrMode mode) =>
            [new OcrWord(text, 0, 0, width, height, confidence)];
    }

    private sealed class ReadsNothing : IOcr
    {
        public string Version => "reads-nothing";

        public IReadOnlyList<OcrWord> Recognize(ReadOnlySpan<byte> gray8, int width, int height, int stride, OcrMode mode) => [];
    }

    private sealed class FixedMap(IReadOnlyList<LearnedTextBox> boxes) : ILearnedTextDetector
    {
        public string ModelId => "fixed";

        public LearnedDetectorSettings Settings => LearnedDetectorSettings.Default;

        public TextProbabilityMap Detect(ReadOnlySpan<byte> view, int width, int height, IReadOnlyList<LearnedPass> passes) => new(width, height, passes.Count, boxes);
    }
}
