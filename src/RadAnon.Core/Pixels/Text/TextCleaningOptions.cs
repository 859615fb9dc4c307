namespace RadAnon.Core.Pixels.Text;

/// <summary>How a removed region is painted over.</summary>
public enum RedactionMethod
{
    /// <summary>A smooth fill interpolated only from the ring of pixels around the region (the default).</summary>
    Blur,

    /// <summary>One solid value: the mean of the surrounding ring, or <see cref="TextCleaningOptions.FillValue"/>.</summary>
    Fill,
}

/// <summary>Whether allowlisted clinical markers (L, R, AP, ERECT...) standing alone are kept.</summary>
public enum MarkerPolicy
{
    Keep,
    Remove,
}

/// <summary>Which text goes: everything except kept markers, or only identifying text.</summary>
public enum TextPolicy
{
    All,
    Identifying,
}

/// <summary>Settings for <see cref="BurnedInTextCleaner"/>; validated once by <see cref="Validate"/>.</summary>
public sealed record TextCleaningOptions
{
    public static readonly IReadOnlyList<string> DefaultMarkers =
    [
        "L", "R", "LT", "RT", "LEFT", "RIGHT", "AP", "PA", "LAT", "LATERAL", "OBL", "ERECT", "SUPINE", "PRONE",
        "UPRIGHT", "SEMI-UPRIGHT", "PORTABLE", "WB", "INSP", "EXP", "MLO", "CC", "STANDING", "DECUBITUS",
    ];

    public RedactionMethod Redaction { get; init; } = RedactionMethod.Blur;

    public MarkerPolicy Markers { get; init; } = MarkerPolicy.Keep;

    public TextPolicy Text { get; init; } = TextPolicy.All;

    /// <summary>Markers kept when they stand alone; compared case-insensitively.</summary>
    public IReadOnlyList<string> MarkerAllowlist { get; init; } = DefaultMarkers;

    /// <summary>For <see cref="RedactionMethod.Fill"/>: a fixed sample value instead of the ring mean.</summary>
    public int? FillValue { get; init; }

    /// <summary>Words below this Tesseract confidence (0-100) count as unreadable, never as markers.</summary>
    public float MinWordConfidence { get; init; } = TextThresholds.Default.Reading.MinWordConfidence;

    public int MinGlyphHeight { get; init; } = TextThresholds.Default.Detection.MinGlyphHeight;

    public int MaxGlyphHeight { get; init; } = TextThresholds.Default.Detection.MaxGlyphHeight;

    /// <summary>Boxes the caller wants removed whatever detection says (the regions= option).</summary>
    public IReadOnlyList<PixelBox> AddRegions { get; init; } = [];

    /// <summary>Boxes where detected text is kept (the regions= veto); a detected region inside one is not redacted.</summary>
    public IReadOnlyList<PixelBox> VetoRegions { get; init; } = [];

    /// <summary>Re-run detection and OCR after redaction (always on in production use).</summary>
    public bool Verify { get; init; } = true;

    /// <summary>
    /// Also OCR the whole redacted image once, downscaled to at most this long side; 0 (the default) turns it off.
    /// Verification always re-detects over the whole image and reads what is new or near a redaction; this extra
    /// Tesseract pass costs seconds per image.
    /// </summary>
    public int WholeImageVerificationSize { get; init; }

    /// <summary>
    /// How detection and verification see an image: an 8-bit buffer of the same geometry (e.g. the DICOM display
    /// rendering of stored values). Null scales the image's own minimum..maximum (<see cref="GrayImage.To8BitView"/>).
    /// </summary>
    public Func<GrayImage, byte[]>? View { get; init; }

    /// <summary>Return a result even when verification finds residual identifying text (it then never claims to be clean).</summary>
    public bool Force { get; init; }

    /// <summary>The top of Tesseract's confidence scale.</summary>
    private const int MaxConfidence = 100;

    public void Validate()
    {
        var (least, greatest) = (TextThresholds.Default.Detection.LeastGlyphHeightSetting, TextThresholds.Default.Detection.GreatestGlyphHeightSetting);
        if (MinGlyphHeight < least || MaxGlyphHeight < MinGlyphHeight || MaxGlyphHeight > greatest)
        {
            throw new ArgumentOutOfRangeException(nameof(MinGlyphHeight), $"glyph heights must satisfy {least} <= min <= max <= {greatest}");
        }

        if (MinWordConfidence is < 0 or > MaxConfidence)
        {
            throw new ArgumentOutOfRangeException(nameof(MinWordConfidence), MinWordConfidence, $"0..{MaxConfidence}");
        }

        if (FillValue is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(FillValue), FillValue, "a sample value is not negative");
        }

        if (WholeImageVerificationSize is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(WholeImageVerificationSize), WholeImageVerificationSize, "0 (off) or a size in pixels");
        }
    }
}
