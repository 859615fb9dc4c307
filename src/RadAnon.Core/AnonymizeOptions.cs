using RadAnon.Core.Pixels.Text;

namespace RadAnon.Core;

/// <summary>The container written: the input's own, DICOM, or a display rendering (8-bit PNG/JPEG, 16-bit PNG).</summary>
public enum OutputFormat
{
    Same,
    Dicom,
    Png,
    Jpeg,
    Png16,
}

/// <summary>What a caller asks of one anonymization; validated once by <see cref="Validate"/> before any byte is read.</summary>
public sealed record AnonymizeOptions
{
    /// <summary>At most this many caller boxes (add plus veto) per request.</summary>
    public const int MaxRegions = 256;

    public string Profile { get; init; } = "foamed";

    public OutputFormat Format { get; init; } = OutputFormat.Same;

    public RedactionMethod Redact { get; init; } = RedactionMethod.Blur;

    public MarkerPolicy Markers { get; init; } = MarkerPolicy.Keep;

    public TextPolicy Text { get; init; } = TextPolicy.All;

    /// <summary>Boxes to remove whatever detection says, in image coordinates (every frame).</summary>
    public IReadOnlyList<PixelBox> AddRegions { get; init; } = [];

    /// <summary>Boxes where detected text is kept, in image coordinates (every frame).</summary>
    public IReadOnlyList<PixelBox> VetoRegions { get; init; } = [];

    /// <summary>
    /// Burn every overlay plane (60xx) into the pixels, white as displayed, before burned-in text cleaning, instead of only
    /// removing the 60xx groups; the groups are removed either way. Also set by a profile's <c>burnOverlays</c>.
    /// </summary>
    public bool BurnOverlays { get; init; }

    /// <summary>Emit the output even when verification still reads identifying text; it is then never marked clean.</summary>
    public bool Force { get; init; }

    /// <summary>Throws <see cref="InvalidOptionsException"/> naming the first bad value and how to fix it.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Profile))
        {
            throw new InvalidOptionsException(nameof(Profile), "profile is empty; use foamed, basic, research or a configured name");
        }

        Check(nameof(Format), Format);
        Check(nameof(Redact), Redact);
        Check(nameof(Markers), Markers);
        Check(nameof(Text), Text);
        ArgumentNullException.ThrowIfNull(AddRegions);
        ArgumentNullException.ThrowIfNull(VetoRegions);
        if (AddRegions.Count + VetoRegions.Count > MaxRegions)
        {
            throw new InvalidOptionsException("regions", $"{AddRegions.Count + VetoRegions.Count} regions given; at most {MaxRegions} are accepted");
        }

        foreach (var (box, list) in AddRegions.Select(b => (b, "add")).Concat(VetoRegions.Select(b => (b, "veto"))))
        {
            if (box.X < 0 || box.Y < 0 || box.Width <= 0 || box.Height <= 0 || (long)box.X + box.Width > int.MaxValue || (long)box.Y + box.Height > int.MaxValue)
            {
                throw new InvalidOptionsException("regions",
                    $"{list} region x={box.X} y={box.Y} width={box.Width} height={box.Height}: x and y must be >= 0 and width and height > 0 (image coordinates)");
            }
        }
    }

    internal TextCleaningOptions ToCleaningOptions() => new()
    {
        Redaction = Redact,
        Markers = Markers,
        Text = Text,
        AddRegions = AddRegions,
        VetoRegions = VetoRegions,
        Force = Force,
    };

    private static void Check<T>(string name, T value)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new InvalidOptionsException(name, $"{name.ToLowerInvariant()} {value} is not one of {string.Join(", ", Enum.GetNames<T>()).ToLowerInvariant()}");
        }
    }
}

/// <summary>
/// A caller's option is invalid (unknown profile, format, region outside the rules, a format the input cannot take).
/// A caller mistake, mapped to HTTP 400; <see cref="Option"/> names the option.
/// It derives from <see cref="RadAnonException"/> (one problem-details mapping), so it is not an ArgumentException.
/// </summary>
public sealed class InvalidOptionsException : RadAnonException
{
    public InvalidOptionsException(string option, string message)
        : base(message)
    {
        Option = option;
    }

    public string Option { get; }
}

/// <summary>Resource limits checked before decoding.</summary>
public sealed record AnonymizerLimits
{
    public static AnonymizerLimits Default { get; } = new();

    /// <summary>Most pixels (width × height, per frame) an input may declare.</summary>
    public long MaxPixels { get; init; } = 200_000_000;

    /// <summary>Most frames a DICOM object may have for pixel cleaning.</summary>
    public int MaxFrames { get; init; } = 2000;

    /// <summary>Quality for JPEG outputs.</summary>
    public int JpegQuality { get; init; } = 95;

    /// <summary>Longest side of the <see cref="Anonymizer.Analyze"/> preview.</summary>
    public int PreviewSize { get; init; } = 1024;

    /// <summary>The DICOM reader's limits: sequence nesting, element count, inflated size of deflated files.</summary>
    public RadAnon.Dicom.Reading.DicomReadOptions Reading { get; init; } = RadAnon.Dicom.Reading.DicomReadOptions.Default;
}
