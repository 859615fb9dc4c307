namespace RadAnon.Core.Pixels.Text;

// Finding text-like lines without OCR.
internal sealed partial record TextThresholds
{
    /// <summary>Used by <see cref="TextDetector"/>, <see cref="TextScreen"/>, <see cref="GlyphComponents"/> and <see cref="LineGrouper"/>.</summary>
    public sealed record DetectionThresholds
    {
        /// <summary>Smallest glyph (capital) height looked for: smaller text is too blurred to read or to tell from noise.</summary>
        public int MinGlyphHeight { get; init; } = 8;

        /// <summary>Largest glyph height looked for: above it a "glyph" is more likely an anatomical shape.</summary>
        public int MaxGlyphHeight { get; init; } = 150;

        /// <summary>The least glyph height a caller may ask to look for: strokes of smaller text are below a pixel.</summary>
        public int LeastGlyphHeightSetting { get; init; } = 4;

        /// <summary>The largest glyph height a caller may ask to look for: past it the coarse scale has no element to match.</summary>
        public int GreatestGlyphHeightSetting { get; init; } = 600;

        /// <summary>The least stroke contrast a glyph must reach somewhere on a clean image: burned-in text is drawn to be seen.</summary>
        public int MinStrokeContrast { get; init; } = 48;

        /// <summary>On noisy images the stroke contrast must also reach this many noise sigmas, so noise never seeds a glyph.</summary>
        public int StrokeNoiseFactor { get; init; } = 6;

        /// <summary>The hysteresis low threshold is half the strong one but never below this, so a stroke does not bleed into noise.</summary>
        public int MinLowContrast { get; init; } = 16;

        /// <summary>A lone component (no line partner) must be this tall to stand as a glyph: a side marker is drawn large.</summary>
        public int SingletonMinHeight { get; init; } = 12;

        /// <summary>Top-hat and black-hat element radius at each scale: strokes narrower than the element pass, backgrounds do not.</summary>
        public int HatRadius { get; init; } = 6;

        /// <summary>Largest glyph the full-resolution passes look for: strokes of larger text are wider than the element.</summary>
        public int FineScaleMaxGlyph { get; init; } = 40;

        /// <summary>Reduction factor of the coarse passes that find the larger glyphs (a ninth of the pixels).</summary>
        public int CoarseScale { get; init; } = 3;

        /// <summary>The coarse passes look for glyphs from this share of the fine passes' largest, so the two scales overlap.</summary>
        public Fraction CoarseMinGlyphShare { get; init; } = new(2, 3);

        /// <summary>Smallest long side of a glyph component at any scale, detection pixels: smaller blobs are noise.</summary>
        public int MinComponentLong { get; init; } = 4;

        /// <summary>Text up to this glyph height may render as one touching component per line (antialiased small fonts).</summary>
        public int MergedLineMaxGlyph { get; init; } = 16;

        /// <summary>At the coarse scale a merged line is still taken up to at least this height, detection pixels.</summary>
        public int MergedLineMinHeight { get; init; } = 3;

        /// <summary>A line whose glyphs are below this share of the smallest glyph looked for is a fragment (stroke pieces, noise).</summary>
        public Fraction MinFragmentShare { get; init; } = new(3, 5);

        /// <summary>A candidate this share inside a larger one of the same polarity is the same text seen at the other scale.</summary>
        public double FoldOverlapShare { get; init; } = 0.6;

        /// <summary>The noise estimate samples about this many rows: enough for a stable median, cheap on large images.</summary>
        public int NoiseSampleRows { get; init; } = 200;

        /// <summary>The least noise sigma assumed: rendered images have none, and contrasts scale with it.</summary>
        public double MinNoise { get; init; } = 0.5;

        /// <summary>Tile side of the screen that limits the full-resolution passes to where a stroke is possible.</summary>
        public int ScreenTile { get; init; } = 64;

        /// <summary>Images narrower or lower than this many tiles are not screened: the whole image is one area.</summary>
        public int ScreenMinTiles { get; init; } = 4;

        /// <summary>When the screened areas cover more than this share of the image, cropping them is not worth it.</summary>
        public double ScreenWholeImageShare { get; init; } = 0.6;

        /// <summary>
        /// The least sharpness (steepest step over contrast) of a glyph stroke. Text softened by a 3x3 mean (screen captures,
        /// lossy copies) has its steepest step at about a third of its contrast, antialiased text a little less; 0.35 lost
        /// such letters in screen captures while digits that ran together were still found.
        /// </summary>
        public double MinSharpness { get; init; } = 0.28;

        /// <summary>A glyph component covers at least this many pixels: fewer is a speck of noise.</summary>
        public int MinComponentArea { get; init; } = 6;

        /// <summary>Longer than this many times its thickness, a component is a wire, edge or rib, or touching letters beyond a word.</summary>
        public int MaxElongation { get; init; } = 12;

        /// <summary>A glyph fills at least this share of its box: sparser is a thin curve of anatomy.</summary>
        public double MinFill { get; init; } = 0.08;

        /// <summary>A glyph thicker than <see cref="SolidMinShort"/> fills at most this share of its box: fuller is a solid blob.</summary>
        public double MaxFill { get; init; } = 0.92;

        /// <summary>Components up to this thickness may be solid (an I, a dot, a dash).</summary>
        public int SolidMinShort { get; init; } = 4;

        /// <summary>A stroke may always be this wide (detection pixels), whatever the glyph's size.</summary>
        public double MinStrokeAllowance { get; init; } = 2.5;

        /// <summary>Beyond <see cref="MinStrokeAllowance"/>, strokes are at most this share of the glyph's long side: disks fail.</summary>
        public double MaxStrokeShareOfLong { get; init; } = 0.3;

        /// <summary>And at most this share of the largest glyph looked for at the scale.</summary>
        public double MaxStrokeShareOfMaxGlyph { get; init; } = 0.25;

        /// <summary>A lone component must have edges at least this sharp: a drawn marker is crisper than a line's letters need be.</summary>
        public double SingletonMinSharpness { get; init; } = 0.45;

        /// <summary>A lone glyph is at most this many times longer than thick; longer, it is small text merged into one component.</summary>
        public int SingletonMaxElongation { get; init; } = 3;

        /// <summary>A lone glyph fills more than this share of its box (an outline or a speck line does not).</summary>
        public double SingletonMinFill { get; init; } = 0.12;

        /// <summary>A lone glyph fills less than this share of its box (a blob does not).</summary>
        public double SingletonMaxFill { get; init; } = 0.8;

        /// <summary>Largest coefficient of variation of stroke width along a uniform line (one font); anatomy varies more.</summary>
        public double MaxStrokeVariation { get; init; } = 0.4;

        /// <summary>Largest coefficient of variation of stroke contrast along a uniform line (one ink); anatomy varies more.</summary>
        public double MaxContrastVariation { get; init; } = 0.3;

        /// <summary>Grouping looks this many glyph heights ahead along the reading direction for a partner.</summary>
        public double JoinLookAhead { get; init; } = 1.6;

        /// <summary>Neighbours whose sizes differ by more than this factor are not one line.</summary>
        public double JoinMaxSizeRatio { get; init; } = 2.5;

        /// <summary>Neighbours overlap across the reading direction by at least this share of the smaller glyph.</summary>
        public double JoinMinCrossOverlap { get; init; } = 0.5;

        /// <summary>Neighbours join when the gap is at most this many glyph heights (a word space).</summary>
        public double JoinMaxGap { get; init; } = 1.0;

        /// <summary>The join gap is measured against at least this glyph size, detection pixels: tiny glyphs sit far apart.</summary>
        public int JoinMinGlyph { get; init; } = 4;

        /// <summary>A line's glyph height is its glyph size this share from the top: capitals set it, not lower-case letters or dots.</summary>
        public Fraction LineGlyphFromTop { get; init; } = new(1, 4);
    }
}
