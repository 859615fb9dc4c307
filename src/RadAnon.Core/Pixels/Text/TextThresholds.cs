namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// Every tuned number of burned-in text detection, reading and painting, in one place, each named for what it means.
/// Sizes are full-resolution pixels unless said otherwise, contrasts 8-bit display levels, confidences Tesseract's
/// 0-100. The code reads <see cref="Default"/>; a test keeps bare tuned numbers out of the text code. Each section
/// lives in its own file (TextThresholds.Section.cs); the rules' and the learned detector's sections beside their code.
/// </summary>
internal sealed partial record TextThresholds
{
    public static TextThresholds Default { get; } = new();

    /// <summary>Finding text-like lines without OCR: morphology, glyph components, line grouping.</summary>
    public DetectionThresholds Detection { get; init; } = new();

    /// <summary>Reading a candidate with OCR and judging what it says.</summary>
    public ReadingThresholds Reading { get; init; } = new();

    /// <summary>Pixel cues that tell anatomy and texture from text.</summary>
    public CueThresholds Cues { get; init; } = new();

    /// <summary>Following a found line beyond the part the detector saw.</summary>
    public ContinuationThresholds Continuation { get; init; } = new();

    /// <summary>Where a removed region is painted and how.</summary>
    public PaintingThresholds Painting { get; init; } = new();

    /// <summary>Checking the painted image for text that is still there.</summary>
    public VerificationThresholds Verification { get; init; } = new();

    /// <summary>The decision rules (Pixels/Text/Rules).</summary>
    public RuleThresholds Rules { get; init; } = new();

    /// <summary>How the learned detector is run and its map read (Pixels/Text/Learned).</summary>
    public Learned.LearnedDetectorSettings Learned { get; init; } = Text.Learned.LearnedDetectorSettings.Default;
}
