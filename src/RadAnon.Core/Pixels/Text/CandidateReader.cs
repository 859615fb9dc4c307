using RadAnon.Core.Ocr;

namespace RadAnon.Core.Pixels.Text;

/// <summary>What OCR made of one candidate: its words (patient data: never logged) and the reading rotation.</summary>
internal sealed record CandidateReading(IReadOnlyList<OcrWord> Words, int Rotation);

/// <summary>
/// Runs OCR on one candidate: crops its contrast map (so anatomy and polarity are gone and the glyphs are dark on
/// white), scales it to a glyph height Tesseract reads well, and for vertical lines tries both 90-degree turns.
/// </summary>
internal sealed class CandidateReader
{
    private const int TargetGlyphHeight = 36;
    private const int Border = 12;
    private const int MaxCropPixels = 4_000_000;

    private readonly IOcr ocr;

    public CandidateReader(IOcr ocr) => this.ocr = ocr;

    public CandidateReading Read(TextCandidate candidate, ContrastMap map)
    {
        var crop = Crop(candidate, map, out var cw, out var ch);
        if (!candidate.Vertical)
        {
            if (candidate.GlyphCount > 1)
            {
                return new CandidateReading(ocr.Recognize(crop, cw, ch, cw, OcrMode.SingleLine), 0);
            }

            // A lone component is most often a side marker: read it as one character, then as one word.
            var single = ocr.Recognize(crop, cw, ch, cw, OcrMode.SingleCharacter);
            var word = Score(single) >= 60 ? single : ocr.Recognize(crop, cw, ch, cw, OcrMode.SingleWord);
            return new CandidateReading(Score(single) >= Score(word) ? single : word, 0);
        }

        var clockwise = Rotate(crop, cw, ch, clockwise: true);
        var counter = Rotate(crop, cw, ch, clockwise: false);
        var a = ocr.Recognize(clockwise, ch, cw, ch, OcrMode.SingleLine);
        var b = ocr.Recognize(counter, ch, cw, ch, OcrMode.SingleLine);
        return Score(a) >= Score(b) ? new CandidateReading(a, 90) : new CandidateReading(b, 270);
    }

    private static double Score(IReadOnlyList<OcrWord> words) => words.Sum(w => w.Confidence * w.Text.Length);

    private static byte[] Crop(TextCandidate candidate, ContrastMap map, out int outWidth, out int outHeight)
    {
        var s = map.Scale;
        var glyph = Math.Max(1, candidate.GlyphHeight / s);
        var pad = Math.Max(2, glyph / 3);
        var x0 = Math.Max(0, (candidate.Box.X / s) - pad);
        var y0 = Math.Max(0, (candidate.Box.Y / s) - pad);
        var x1 = Math.Min(map.Width, ((candidate.Box.Right + s - 1) / s) + pad);
        var y1 = Math.Min(map.Height, ((candidate.Box.Bottom + s - 1) / s) + pad);
        var w = x1 - x0;
        var h = y1 - y0;

        var maxC = 1;
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                maxC = Math.Max(maxC, map.Values[(y * map.Width) + x]);
            }
        }

        var factor = TargetGlyphHeight / (double)glyph;
        if (w * factor * h * factor > MaxCropPixels)
        {
            factor = Math.Sqrt(MaxCropPixels / (double)(w * h));
        }

        var sw = Math.Max(1, (int)Math.Round(w * factor));
        var sh = Math.Max(1, (int)Math.Round(h * factor));
        outWidth = sw + (2 * Border);
        outHeight = sh + (2 * Border);
        var output = new byte[outWidth * outHeight];
        Array.Fill(output, (byte)255);
        var full = Math.Max(map.LowThreshold + 1, maxC * 0.7);
        for (var oy = 0; oy < sh; oy++)
        {
            var fy = Math.Clamp(((oy + 0.5) / factor) - 0.5, 0, h - 1);
            var iy = (int)fy;
            var ty = fy - iy;
            var iy1 = Math.Min(h - 1, iy + 1);
            for (var ox = 0; ox < sw; ox++)
            {
                var fx = Math.Clamp(((ox + 0.5) / factor) - 0.5, 0, w - 1);
                var ix = (int)fx;
                var tx = fx - ix;
                var ix1 = Math.Min(w - 1, ix + 1);
                double At(int x, int y)
                {
                    var v = map.Values[((y0 + y) * map.Width) + x0 + x];
                    return v < map.LowThreshold ? 0 : v;
                }

                var value = ((1 - ty) * (((1 - tx) * At(ix, iy)) + (tx * At(ix1, iy)))) + (ty * (((1 - tx) * At(ix, iy1)) + (tx * At(ix1, iy1))));
                var ink = Math.Min(1.0, value / full);
                output[((oy + Border) * outWidth) + ox + Border] = (byte)Math.Round(255 * (1 - ink));
            }
        }

        return output;
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
