using RadAnon.Core.Ocr;

namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// What OCR made of one candidate: its words (patient data: never logged), the reading rotation, and for upright
/// readings where the crop the words were read in sits in the image.
/// </summary>
internal sealed record CandidateReading(IReadOnlyList<OcrWord> Words, int Rotation, CropFrame? Frame = null);

/// <summary>Maps word boxes of an upright OCR crop back to image coordinates.</summary>
/// <param name="OriginX">Image x of the crop's first source column.</param>
/// <param name="OriginY">Image y of the crop's first source row.</param>
/// <param name="Scale">Crop pixels per image pixel.</param>
/// <param name="Border">White border added around the scaled crop, crop pixels.</param>
internal readonly record struct CropFrame(int OriginX, int OriginY, double Scale, int Border)
{
    public PixelBox ToImage(OcrWord word)
    {
        var x0 = OriginX + (int)Math.Floor((word.X - Border) / Scale);
        var y0 = OriginY + (int)Math.Floor((word.Y - Border) / Scale);
        var x1 = OriginX + (int)Math.Ceiling((word.X + word.Width - Border) / Scale);
        var y1 = OriginY + (int)Math.Ceiling((word.Y + word.Height - Border) / Scale);
        return new PixelBox(x0, y0, Math.Max(1, x1 - x0), Math.Max(1, y1 - y0));
    }
}

/// <summary>The 8-bit value a line's glyphs are drawn in, and how far from it a glyph pixel may be.</summary>
internal readonly record struct InkLevel(int Value, int Tolerance);

/// <summary>
/// Runs OCR on one candidate: crops the full-resolution view, removes the background with a top-hat or black-hat sized
/// to the glyphs (so anatomy and polarity are gone and the glyphs are dark on white), scales it to a glyph height
/// Tesseract reads well, and for vertical lines tries both 90-degree turns.
/// </summary>
internal sealed class CandidateReader
{
    /// <summary>Turns of a vertical line that make it read left to right, degrees clockwise.</summary>
    private const int QuarterTurn = 90;
    private const int ThreeQuarterTurn = 270;

    private static readonly TextThresholds.ReadingThresholds Thresholds = TextThresholds.Default.Reading;

    private readonly IOcr ocr;

    public CandidateReader(IOcr ocr) => this.ocr = ocr;

    /// <param name="view">The full-resolution 8-bit view the candidate was found in.</param>
    /// <param name="ink">
    /// When given, the glyphs are the pixels at this ink value (within its tolerance) instead of the top-hat or black-hat
    /// response: a second reading for a line drawn in one ink across a background step (a marker running onto a bright
    /// collimation border), where the hat merges the strokes that touch the brighter side into background.
    /// </param>
    /// <param name="neighbours">
    /// Boxes of other lines of the same polarity: their ink is cleared from this candidate's crop outside its own box, so
    /// the padding around a large candidate does not read (and answer for) the line beside it.
    /// </param>
    public CandidateReading Read(TextCandidate candidate, byte[] view, int width, int height, InkLevel? ink = null, IReadOnlyList<PixelBox>? neighbours = null)
    {
        var crop = Crop(candidate, view, width, height, out var cw, out var ch, out var frame, ink, neighbours);
        if (!candidate.Vertical)
        {
            if (candidate.GlyphCount > 1)
            {
                // A line read with little confidence gets a second look at a larger glyph height, where thin strokes
                // and small punctuation survive the resize; the more confident reading wins.
                var line = ocr.Recognize(crop, cw, ch, cw, OcrMode.SingleLine);
                if (WeakestConfidence(line) >= Thresholds.RetryBelowConfidence)
                {
                    return new CandidateReading(line, 0, frame);
                }

                var large = Crop(candidate, view, width, height, out var lw, out var lh, out var largeFrame, ink, neighbours, Thresholds.RetryGlyphHeight);
                var retry = ocr.Recognize(large, lw, lh, lw, OcrMode.SingleLine);
                return WeakestConfidence(retry) > WeakestConfidence(line) ? new CandidateReading(retry, 0, largeFrame) : new CandidateReading(line, 0, frame);
            }

            // A lone component is most often a side marker: read it as one character, then as one word.
            var single = ocr.Recognize(crop, cw, ch, cw, OcrMode.SingleCharacter);
            var word = Score(single) >= Thresholds.SingleCharacterAccept ? single : ocr.Recognize(crop, cw, ch, cw, OcrMode.SingleWord);
            return new CandidateReading(Score(single) >= Score(word) ? single : word, 0, frame);
        }

        var clockwise = Rotate(crop, cw, ch, clockwise: true);
        var counter = Rotate(crop, cw, ch, clockwise: false);
        var a = ocr.Recognize(clockwise, ch, cw, ch, OcrMode.SingleLine);
        var b = ocr.Recognize(counter, ch, cw, ch, OcrMode.SingleLine);
        return Score(a) >= Score(b) ? new CandidateReading(a, QuarterTurn) : new CandidateReading(b, ThreeQuarterTurn);
    }

    private static double Score(IReadOnlyList<OcrWord> words) => words.Sum(w => w.Confidence * w.Text.Length);

    private static double WeakestConfidence(IReadOnlyList<OcrWord> words) => words.Count == 0 ? 0 : words.Min(w => w.Confidence);

    /// <summary>
    /// The candidate's area of the full-resolution view, box-reduced when its glyphs are large, with its own top-hat or
    /// black-hat (element about a third of the glyph, so no stroke is hollowed and the background gradient is gone), scaled to
    /// the OCR glyph height (<paramref name="target"/>, by default <see cref="TextThresholds.ReadingThresholds.OcrGlyphHeight"/>)
    /// and rendered dark on white with a white border of half a glyph.
    /// </summary>
    private static byte[] Crop(TextCandidate candidate, byte[] view, int width, int height, out int outWidth, out int outHeight, out CropFrame frame, InkLevel? inkLevel, IReadOnlyList<PixelBox>? neighbours, int? target = null)
    {
        var t = Thresholds;
        var targetHeight = target ?? t.OcrGlyphHeight;
        var glyph = Math.Max(t.MinCropGlyph, candidate.GlyphHeight);
        var pad = Math.Max(t.MinCropPad, glyph / 2);
        var box = candidate.Box.Inflate(pad, width, height);

        // Reduce big text by an integer factor first so the morphology and the resize work on few pixels.
        var reduce = Math.Max(1, glyph / (2 * targetHeight));
        var g = Math.Max(2, glyph / reduce);
        var ink = InkOf(candidate, view, width, box, reduce, g, inkLevel, out var w, out var h);
        ClearNeighbours(ink, w, h, box, reduce, candidate.Box, neighbours);

        var factor = targetHeight / (double)g;
        if (w * factor * h * factor > t.MaxCropPixels)
        {
            factor = Math.Sqrt(t.MaxCropPixels / (double)(w * h));
        }

        var sw = Math.Max(1, (int)Math.Round(w * factor));
        var sh = Math.Max(1, (int)Math.Round(h * factor));
        var border = Math.Max(t.CropBorder, targetHeight / 2);
        frame = new CropFrame(box.X, box.Y, sw / (double)box.Width, border);
        outWidth = sw + (2 * border);
        outHeight = sh + (2 * border);
        return Render(ink, w, h, factor, new PixelBox(border, border, sw, sh), outWidth, outHeight);
    }

    /// <summary>
    /// The glyph response of the box, reduced by <paramref name="reduce"/> (<paramref name="w"/> by <paramref name="h"/>):
    /// the pixels near the given ink level, or else the top-hat or black-hat for the candidate's polarity, its element
    /// sized to the reduced glyph height <paramref name="g"/>.
    /// </summary>
    private static byte[] InkOf(TextCandidate candidate, byte[] view, int width, PixelBox box, int reduce, int g, InkLevel? inkLevel, out int w, out int h)
    {
        var src = TextDetector.Crop(view, width, box);
        w = box.Width;
        h = box.Height;
        if (reduce > 1)
        {
            src = Morphology.Downsample(src, w, h, reduce, out w, out h);
        }

        var radius = Math.Max(2, Thresholds.CropHatShare.Of(g) + 1);
        return inkLevel is { } drawnIn
            ? NearInk(src, drawnIn)
            : candidate.Polarity == TextPolarity.LightOnDark
                ? Morphology.TopHat(src, w, h, radius)
                : Morphology.BlackHat(src, w, h, radius);
    }

    /// <summary>
    /// The ink (<paramref name="w"/> by <paramref name="h"/>) resized bilinearly by <paramref name="factor"/> into
    /// <paramref name="placed"/> of a white image, dark on white.
    /// </summary>
    private static byte[] Render(byte[] ink, int w, int h, double factor, PixelBox placed, int outWidth, int outHeight)
    {
        // Ink relative to the strongest stroke: weak clutter is background, strong strokes are full ink, so the glyphs come
        // out bold and clean whatever their contrast.
        var t = Thresholds;
        byte peak = 0;
        foreach (var v in ink)
        {
            peak = Math.Max(peak, v);
        }

        var floor = Math.Max(t.MinClutterFloor, peak / (double)t.ClutterDivisor);
        var scale = byte.MaxValue / Math.Max(t.MinInkSpan, (peak * t.FullInkShare) - floor);
        var output = new byte[outWidth * outHeight];
        Array.Fill(output, (byte)255);
        for (var oy = 0; oy < placed.Height; oy++)
        {
            var fy = Math.Clamp(((oy + 0.5) / factor) - 0.5, 0, h - 1);
            var iy = (int)fy;
            var ty = fy - iy;
            var row0 = iy * w;
            var row1 = Math.Min(h - 1, iy + 1) * w;
            var outRow = ((oy + placed.Y) * outWidth) + placed.X;
            for (var ox = 0; ox < placed.Width; ox++)
            {
                var fx = Math.Clamp(((ox + 0.5) / factor) - 0.5, 0, w - 1);
                var ix = (int)fx;
                var tx = fx - ix;
                var ix1 = Math.Min(w - 1, ix + 1);
                var value = ((1 - ty) * (((1 - tx) * ink[row0 + ix]) + (tx * ink[row0 + ix1]))) + (ty * (((1 - tx) * ink[row1 + ix]) + (tx * ink[row1 + ix1])));
                var level = Math.Clamp((value - floor) * scale, 0, 255);
                output[outRow + ox] = (byte)(255 - (int)level);
            }
        }

        return output;
    }

    /// <summary>Zeroes the ink of neighbouring lines inside the crop (origin <paramref name="crop"/>, reduced by <paramref name="reduce"/>) outside the candidate's own box.</summary>
    private static void ClearNeighbours(byte[] ink, int w, int h, PixelBox crop, int reduce, PixelBox own, IReadOnlyList<PixelBox>? neighbours)
    {
        if (neighbours is null)
        {
            return;
        }

        foreach (var n in neighbours)
        {
            var area = n.Intersect(crop);
            if (area.IsEmpty)
            {
                continue;
            }

            for (var ry = (area.Y - crop.Y) / reduce; ry < Math.Min(h, ((area.Bottom - crop.Y) + reduce - 1) / reduce); ry++)
            {
                var y = crop.Y + (ry * reduce);
                for (var rx = (area.X - crop.X) / reduce; rx < Math.Min(w, ((area.Right - crop.X) + reduce - 1) / reduce); rx++)
                {
                    var x = crop.X + (rx * reduce);
                    if (x < own.X || x >= own.Right || y < own.Y || y >= own.Bottom)
                    {
                        ink[(ry * w) + rx] = 0;
                    }
                }
            }
        }
    }

    /// <summary>Full ink within the tolerance of the level, fading to none at twice it.</summary>
    private static byte[] NearInk(byte[] src, InkLevel level)
    {
        var ink = new byte[src.Length];
        var tolerance = Math.Max(1, level.Tolerance);
        for (var i = 0; i < src.Length; i++)
        {
            var d = Math.Abs(src[i] - level.Value);
            ink[i] = d <= tolerance ? (byte)255 : d >= 2 * tolerance ? (byte)0 : (byte)(255 * ((2 * tolerance) - d) / tolerance);
        }

        return ink;
    }

    private static byte[] Rotate(byte[] src, int w, int h, bool clockwise)
    {
        // The result is h wide and w high.
        var dst = new byte[src.Length];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var (nx, ny) = clockwise ? (h - 1 - y, x) : (y, w - 1 - x);
                dst[(ny * h) + nx] = src[(y * w) + x];
            }
        }

        return dst;
    }
}
