using RadAnon.Core.Ocr;

namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// A small side marker placed a little way after a line of big text (an "R" of a third of the line's height beyond an
/// ID) is often followed into the line, and read with the line at the line's glyph height it shrinks to a speck that
/// Tesseract calls "°" or ".". An end word that stands apart from its neighbour and is not already a word of the line
/// is read again on its own, from the ink beyond the gap at its own height; when that reading is a confident marker it
/// replaces the end word, so <see cref="MarkerSplitter"/> can keep it. Nothing else changes: an end that is not read
/// as a marker stays part of the line and is painted with it.
/// </summary>
internal static class EndMarkerReader
{
    private static readonly TextThresholds.ReadingThresholds Thresholds = TextThresholds.Default.Reading;

    public static CandidateReading Reread(
        TextCandidate line, CandidateReading reading, CandidateReader reader, TextClassifier classifier, byte[] view, int width, int height, int strokeContrast)
    {
        if (line.Vertical || reading.Rotation != 0 || reading.Frame is not { } frame)
        {
            return reading;
        }

        var words = reading.Words.Where(w => !string.IsNullOrWhiteSpace(w.Text)).OrderBy(w => w.X).ToList();
        if (words.Count < 2)
        {
            return reading;
        }

        var end = words[^1];
        var neighbour = frame.ToImage(words[^2]);
        var endBox = frame.ToImage(end);
        var gap = endBox.X - neighbour.Right;
        // The end word is short (a marker read badly, not a word of the line) and stands apart from its neighbour.
        var t = Thresholds;
        if (end.Text.Length > t.EndMaxLetters || classifier.ClassifyWord(end.Text) == TextCategory.Marker || gap < Math.Max(2, t.EndMinGapShare.Of(neighbour.Height)))
        {
            return reading;
        }

        // The ink beyond the middle of the gap, up to the end of the line, at its own height.
        var start = neighbour.Right + (gap / 2);
        var beyond = new PixelBox(start, line.Box.Y, line.Box.Right - start, line.Box.Height);
        if (beyond.Width < t.EndMinWidth || InkBox(beyond, view, width, strokeContrast) is not { } ink || t.EndMarkerMaxHeight.ExceededBy(ink.Height, line.GlyphHeight))
        {
            return reading;
        }

        var alone = line with { Box = ink, GlyphHeight = ink.Height, GlyphCount = 1, Uniform = true };
        var again = reader.Read(alone, view, width, height);
        var (category, confidence) = classifier.Classify(again.Words);
        if (category != TextCategory.Marker || confidence < t.ConfidentMarker || again.Words.Count != 1)
        {
            return reading;
        }

        // The marker word in the line's crop coordinates, over its ink.
        var word = new OcrWord(
            again.Words[0].Text,
            (int)Math.Round(((ink.X - frame.OriginX) * frame.Scale) + frame.Border),
            (int)Math.Round(((ink.Y - frame.OriginY) * frame.Scale) + frame.Border),
            (int)Math.Round(ink.Width * frame.Scale),
            (int)Math.Round(ink.Height * frame.Scale),
            again.Words[0].Confidence);
        return reading with { Words = [.. reading.Words.Where(w => !ReferenceEquals(w, end)), word] };
    }

    /// <summary>The box of the pixels that differ from the area's median by a stroke's contrast, or null when none do.</summary>
    private static PixelBox? InkBox(PixelBox area, byte[] view, int width, int strokeContrast)
    {
        var median = LineContinuation.Median(area, view, width);
        var (x0, y0, x1, y1) = (int.MaxValue, int.MaxValue, -1, -1);
        for (var y = area.Y; y < area.Bottom; y++)
        {
            for (var x = area.X; x < area.Right; x++)
            {
                if (Math.Abs(view[(y * width) + x] - median) >= strokeContrast)
                {
                    (x0, y0, x1, y1) = (Math.Min(x0, x), Math.Min(y0, y), Math.Max(x1, x), Math.Max(y1, y));
                }
            }
        }

        return x1 < 0 ? null : new PixelBox(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }
}
