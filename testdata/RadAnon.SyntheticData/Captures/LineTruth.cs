using RadAnon.Core.Pixels.Text;

namespace RadAnon.SyntheticData.Captures;

/// <summary>What a line of text on a capture is for the scoring.</summary>
public enum LineKind
{
    /// <summary>Must be removed: name, ID, birth date, study date/time, accession, institution, referring doctor.</summary>
    Identifying,

    /// <summary>Must be kept: a side or projection marker in the image (L, R, AP, ERECT...).</summary>
    Marker,

    /// <summary>Neither: W/L, zoom, counters, kVp/mAs, menu and toolbar labels. Painting it is not collateral.</summary>
    UiOther,
}

/// <summary>
/// One line of text on a screenshot or photo: its ink box (for a photo, the axis-aligned bound of the warped box), what
/// it is, which field it shows (name, id, wl...), its glyph height in pixels and its colour. The text itself is kept for
/// debugging generators only; evaluations never print it.
/// </summary>
public sealed record LineTruth(PixelBox Box, string Text, LineKind Kind, string Field, int GlyphHeight, Rgb Colour)
{
    public bool Identifying => Kind == LineKind.Identifying;
}
