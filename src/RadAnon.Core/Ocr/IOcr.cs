namespace RadAnon.Core.Ocr;

/// <summary>
/// How Tesseract should segment the image it is given (a subset of its page segmentation modes). The line, word and
/// character modes expect dark text on a light background (they skip Tesseract's inverted second look); the block,
/// sparse and automatic modes read either polarity.
/// </summary>
public enum OcrMode
{
    /// <summary>A uniform block of text (PSM 6).</summary>
    SingleBlock,

    /// <summary>One text line (PSM 7).</summary>
    SingleLine,

    /// <summary>As much text as possible, in no particular order (PSM 11).</summary>
    SparseText,

    /// <summary>One word (PSM 8).</summary>
    SingleWord,

    /// <summary>One character (PSM 10), for lone markers such as L or R.</summary>
    SingleCharacter,

    /// <summary>Fully automatic page segmentation (PSM 3), Tesseract's default: what a whole-image baseline uses.</summary>
    Auto,
}

/// <summary>One recognised word with its box in the coordinates of the image given to the engine.</summary>
public sealed record OcrWord(string Text, int X, int Y, int Width, int Height, float Confidence);

/// <summary>
/// Optical character recognition on an 8-bit grayscale image. The text it returns is patient data: callers
/// use it to decide what to redact and must never log, store or report it.
/// </summary>
public interface IOcr
{
    /// <summary>The engine's version, for the provenance report.</summary>
    string Version { get; }

    IReadOnlyList<OcrWord> Recognize(ReadOnlySpan<byte> gray8, int width, int height, int stride, OcrMode mode);
}
