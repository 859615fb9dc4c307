namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// Every tuned number of burned-in text detection, reading and painting, in one place, each named for what it means.
/// Sizes are full-resolution pixels unless said otherwise, contrasts 8-bit display levels, confidences Tesseract's
/// 0-100. The code reads <see cref="Default"/>; a test keeps bare tuned numbers out of the text code.
/// </summary>
internal sealed record TextThresholds
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

    /// <summary>Used by <see cref="CandidateReader"/>, <see cref="TextClassifier"/>, <see cref="HeaderValueMatcher"/>, <see cref="EndMarkerReader"/> and <see cref="MarkerSplitter"/>.</summary>
    public sealed record ReadingThresholds
    {
        /// <summary>Words below this confidence count as unreadable, never as markers (the default of the option).</summary>
        public float MinWordConfidence { get; init; } = 55;

        /// <summary>A line shaped like a measurement ("12.5 cm", typically read at 40-50) is believed from this confidence.</summary>
        public float MeasurementConfidenceFloor { get; init; } = 35;

        /// <summary>A marker word must be read at least this confidently to be kept apart from the text around it.</summary>
        public float ConfidentMarker { get; init; } = 80;

        /// <summary>Glyph height the OCR crop is scaled to: Tesseract reads capitals of about this size best.</summary>
        public int OcrGlyphHeight { get; init; } = 36;

        /// <summary>Glyph height of the second reading of a weakly read line, where thin strokes and punctuation survive.</summary>
        public int RetryGlyphHeight { get; init; } = 56;

        /// <summary>A line whose weakest word is read below this confidence gets the larger second reading.</summary>
        public float RetryBelowConfidence { get; init; } = 70;

        /// <summary>A lone glyph read as one character with this score or more is not read again as a word.</summary>
        public double SingleCharacterAccept { get; init; } = 60;

        /// <summary>Least white border around an OCR crop: Tesseract misreads glyphs that touch the crop's edge.</summary>
        public int CropBorder { get; init; } = 12;

        /// <summary>Largest OCR crop in pixels: bounds the memory and time of one reading.</summary>
        public int MaxCropPixels { get; init; } = 4_000_000;

        /// <summary>Glyph height assumed at least when cropping, so the padding and element never vanish.</summary>
        public int MinCropGlyph { get; init; } = 4;

        /// <summary>Least padding around a candidate's box in its OCR crop.</summary>
        public int MinCropPad { get; init; } = 3;

        /// <summary>The crop's hat element radius is this share of the glyph (plus one): no stroke is hollowed.</summary>
        public Fraction CropHatShare { get; init; } = new(1, 6);

        /// <summary>Ink weaker than one part in this many of the strongest stroke is clutter: background in the crop.</summary>
        public int ClutterDivisor { get; init; } = 5;

        /// <summary>The clutter floor is at least this contrast, so a faint crop is not stretched into noise.</summary>
        public int MinClutterFloor { get; init; } = 6;

        /// <summary>Ink above this share of the strongest stroke is full ink: glyphs come out bold whatever their contrast.</summary>
        public double FullInkShare { get; init; } = 0.6;

        /// <summary>The crop's ink is stretched over at least this many levels, so a near-flat crop is not amplified.</summary>
        public int MinInkSpan { get; init; } = 4;

        /// <summary>A line's end word this short (or shorter) may be a small marker read badly with the line.</summary>
        public int EndMaxLetters { get; init; } = 2;

        /// <summary>The end word stands apart when its gap is at least this share of its neighbour's height.</summary>
        public Fraction EndMinGapShare { get; init; } = new(1, 3);

        /// <summary>Ink beyond the gap narrower than this is no glyph to read on its own.</summary>
        public int EndMinWidth { get; init; } = 3;

        /// <summary>Ink beyond the gap taller than this share of the line's glyphs is the line's own text, not a small marker.</summary>
        public Fraction EndMarkerMaxHeight { get; init; } = new(2, 3);

        /// <summary>A marker at a line's end stands apart when its gap is at least this many marker heights (no word space).</summary>
        public double StandAloneGap { get; init; } = 0.8;

        /// <summary>Or when heights differ by this factor: two pieces of text, not one line.</summary>
        public double SizeRatio { get; init; } = 1.3;

        /// <summary>With such a size difference the gap need only be this many heights of the smaller.</summary>
        public double SizedApartGap { get; init; } = 0.4;

        /// <summary>A marker split from its line keeps this share of its height as a margin around its word box.</summary>
        public Fraction MarkerMarginShare { get; init; } = new(1, 4);

        /// <summary>A reading of at most this many words may be a marker misread and worth a second reading.</summary>
        public int NearMarkerMaxWords { get; init; } = 2;

        /// <summary>A marker misread by one edit per this share of its letters (at least one) counts as near it.</summary>
        public Fraction NearMarkerEditShare { get; init; } = new(1, 4);

        /// <summary>A word with this many digits is an ID (record and accession numbers).</summary>
        public int IdMinDigits { get; init; } = 4;

        /// <summary>Or a code of this many digits with a letter...</summary>
        public int CodeMinDigits { get; init; } = 3;

        /// <summary>...at least this long.</summary>
        public int CodeMinLength { get; init; } = 5;

        /// <summary>A name-like word must have this many letters to count as residual on its own; shorter ones identify no one.</summary>
        public int ResidualNameMinLetters { get; init; } = 4;

        /// <summary>And be read this confidently: OCR of a smooth fill yields short weak "words".</summary>
        public float ResidualNameMinConfidence { get; init; } = 70;

        /// <summary>Header values this long match an OCR word one edit away (0/O, 1/I, 5/S slips).</summary>
        public int FuzzyMatchMinLength { get; init; } = 5;
    }

    /// <summary>Used by <see cref="EdgeCue"/>, <see cref="TextureCue"/> and <see cref="AnatomyTrim"/>.</summary>
    public sealed record CueThresholds
    {
        /// <summary>
        /// A drawn edge rises by at least this share of the local range per pixel after the 3x3 mean: a step gives 1/3, a
        /// two-pixel anti-aliased edge 1/4. The range is taken over half a glyph, so it spans a whole anatomical dome, whose
        /// steepest part (the rim of a bone's shadow) rises by a small share of the dome's height per pixel (measured below 0.16).
        /// </summary>
        public double SharpShare { get; init; } = 0.2;

        /// <summary>Half the span a straight edge's step is measured over: a drawn or collimated edge rises within it.</summary>
        public int EdgeSpan { get; init; } = 2;

        /// <summary>A long straight edge may drift one pixel across per this many along it (a collimator turned by ~3 degrees).</summary>
        public int DriftRun { get; init; } = 16;

        /// <summary>A straight edge this many glyph heights long is a border, strip or ruler: no stroke of a glyph is that long.</summary>
        public int StraightEdgeGlyphs { get; init; } = 2;

        /// <summary>Smallest glyph height the edge cue judges: smaller strokes are blurred by the 3x3 mean itself.</summary>
        public int EdgeMinGlyphHeight { get; init; } = 24;

        /// <summary>Boxes thinner than this are not judged by the edge cue (the 3x3 mean leaves no inside).</summary>
        public int EdgeMinSide { get; init; } = 3;

        /// <summary>The glyph-scale window's radius is this share of the glyph height: the window spans half a glyph.</summary>
        public Fraction GlyphWindowShare { get; init; } = new(1, 4);

        /// <summary>Half the window of the stroke-scale look: a stroke's edge and a few pixels of ink beside it.</summary>
        public int StrokeRadius { get; init; } = 3;

        /// <summary>
        /// Drawn-edge pixels at the half-glyph scale that make a box not soft: a few pixels of one stroke's edge. Not a
        /// glyph's worth: slivers of real text beside read lines had 20-50; smooth anatomy has none.
        /// </summary>
        public int EdgePixels { get; init; } = 8;

        /// <summary>The band around a line holds at least this share of the box's ink density where texture continues (text: ~0).</summary>
        public double SurroundShare { get; init; } = 0.25;

        /// <summary>And at least this share of its pixels are ink (a clean background never reaches it).</summary>
        public double MinSurroundInk { get; init; } = 0.03;

        /// <summary>The band around a line is at least this wide, whatever the glyph height.</summary>
        public int MinBand { get; init; } = 8;

        /// <summary>Texture shows ink on at least this many sides of a line (text beside an anatomy edge has one).</summary>
        public int MinTexturedSides { get; init; } = 2;

        /// <summary>Lines of one block differ in glyph height by at most this factor.</summary>
        public double SiblingMaxSizeRatio { get; init; } = 1.4;

        /// <summary>A word box this share of the candidate's area or more is not worth trimming: the box is already the line.</summary>
        public double WorthTrimming { get; init; } = 0.8;

        /// <summary>Pixels of slack kept around the words' box (antialiased rims, accents, a thin end character).</summary>
        public int TrimSlack { get; init; } = 2;

        /// <summary>Plus this share of the words' height across the line.</summary>
        public Fraction TrimAcrossShare { get; init; } = new(1, 8);

        /// <summary>Plus this share of the words' height along the line.</summary>
        public Fraction TrimAlongShare { get; init; } = new(1, 4);
    }

    /// <summary>Used by <see cref="LineContinuation"/>.</summary>
    public sealed record ContinuationThresholds
    {
        /// <summary>Never more than this many glyph heights beyond either end (a long name behind a short detected word).</summary>
        public int MaxGlyphsAlong { get; init; } = 24;

        /// <summary>Columns a background step may take (blur, JPEG) before the field beyond it is flat.</summary>
        public int FieldEdgeColumns { get; init; } = 4;

        /// <summary>
        /// Up to this glyph height strokes are a pixel or two wide, and thin or serif letters never reach the ink value of
        /// the boldest ones: near strokes that do, a band pixel counts as a stroke part of the way towards the background.
        /// </summary>
        public int SmallGlyph { get; init; } = 12;

        /// <summary>A thin letter's looser tolerance reaches this share of the way from the ink towards the box's background.</summary>
        public Fraction ThinToleranceShare { get; init; } = new(1, 4);

        /// <summary>How many glyph heights past the last column at the strict tolerance the looser one applies.</summary>
        public int ThinReach { get; init; } = 4;

        /// <summary>Lines at least this tall continue only through columns whose ink spans <see cref="MinGlyphExtent"/> of them.</summary>
        public int MinGlyphForExtent { get; init; } = 24;

        /// <summary>A glyph of a large line spans this share of its height across (an x-height letter two thirds, a colon over half).</summary>
        public Fraction MinGlyphExtent { get; init; } = new(1, 3);

        /// <summary>The ink value is the brightest (light text) or darkest (dark text) this share of the line's box.</summary>
        public double InkShare { get; init; } = 0.05;

        /// <summary>Strokes cover less than this share of their box; more at the ink value means the ink is the background.</summary>
        public double MaxInkShare { get; init; } = 0.6;

        /// <summary>A pixel is at the ink value within this many noise sigmas...</summary>
        public int ToleranceNoiseFactor { get; init; } = 3;

        /// <summary>...and at least this many levels (rendered text has no noise, but its copies are rounded).</summary>
        public int MinTolerance { get; init; } = 4;

        /// <summary>Glyph height assumed at least, so gaps and guard strips never vanish.</summary>
        public int MinGlyph { get; init; } = 4;

        /// <summary>The walk stops after a gap of this many glyph heights (a label's colon and space in a monospaced font).</summary>
        public int GapGlyphs { get; init; } = 2;

        /// <summary>The stopping gap is at least this many columns.</summary>
        public int MinGap { get; init; } = 4;

        /// <summary>A column is more of the line when this share of the glyph height (at least one pixel) is at the ink value.</summary>
        public Fraction BandInkShare { get; init; } = new(1, 10);

        /// <summary>Width of each guard strip outside the band, as a share of the glyph height (at least two rows).</summary>
        public Fraction GuardWidthShare { get; init; } = new(1, 4);

        /// <summary>Rows outside the band are a flat field when at most this share of them is off their median.</summary>
        public Fraction FlatOffShare { get; init; } = new(1, 10);

        /// <summary>On a field of the ink's value, a stroke differs from the field across this share of the glyph (at least two pixels).</summary>
        public Fraction FieldStrokeShare { get; init; } = new(1, 4);
    }

    /// <summary>Used by <see cref="RegionRedactor"/> and by <see cref="BurnedInTextCleaner"/> where it sets a painted box.</summary>
    public sealed record PaintingThresholds
    {
        /// <summary>A painted box reaches this many pixels beyond the text on every side, besides its share of the glyph height (antialiased rims).</summary>
        public int MarginPixels { get; init; } = 3;

        /// <summary>Across a line the margin is this share of the glyph height: accents, descenders and strokes the box cut.</summary>
        public Fraction AcrossMarginShare { get; init; } = new(1, 4);

        /// <summary>Along a line it is this share: a thin first or last character (I, 1, a colon) may have missed the line grouping.</summary>
        public Fraction AlongMarginShare { get; init; } = new(3, 4);

        /// <summary>Text up to this glyph height gets a wider margin along the line: a short label or end character is often left out by a wider gap (a higher limit found no more text, for more collateral).</summary>
        public int SmallTextMaxGlyph { get; init; } = 16;

        /// <summary>The extra margin along small text, a share of its glyph height: the strip costs few pixels at that size.</summary>
        public Fraction SmallTextExtraAlongShare { get; init; } = new(1, 2);

        /// <summary>A kept box holds a redacted line's continuation only when it spans this share of the line's band across it.</summary>
        public Fraction KeptSpanShare { get; init; } = new(9, 10);

        /// <summary>The ring read around a painted box is this share of its smaller side...</summary>
        public Fraction RingShare { get; init; } = new(1, 4);

        /// <summary>...but at least this wide, so the fill follows the surroundings and not one row...</summary>
        public int MinRing { get; init; } = 3;

        /// <summary>...and at most this wide, so far anatomy does not shade the fill.</summary>
        public int MaxRing { get; init; } = 16;

        /// <summary>When a ring holds no unpainted pixel it is widened by this factor...</summary>
        public int RingGrowth { get; init; } = 4;

        /// <summary>...while it is narrower than this; then the fill is zero.</summary>
        public int MaxRingSearch { get; init; } = 256;

        /// <summary>Each side's profile is smoothed over this share of its length (at least the ring), so no glyph fringe echoes in.</summary>
        public Fraction ProfileSmoothingShare { get; init; } = new(1, 8);
    }

    /// <summary>Used by <see cref="BurnedInTextCleaner"/> when it verifies the painted image.</summary>
    public sealed record VerificationThresholds
    {
        /// <summary>The surroundings of painted boxes are read by OCR at most this long side; larger areas are shrunk to bound the time.</summary>
        public int AreaSize { get; init; } = 1200;

        /// <summary>Detection runs in full this far around a painted box (or its smaller side, if larger): text beside it is there.</summary>
        public int MinSurroundings { get; init; } = 16;

        /// <summary>A candidate within this many pixels of a painting touches it: the line below a painted one ends where its painting starts.</summary>
        public int TouchPixels { get; init; } = 2;

        /// <summary>A word only the whole-image pass at reduced scale found refuses the image when read at least this confidently.</summary>
        public float WholeImageMinConfidence { get; init; } = 70;
    }
}
