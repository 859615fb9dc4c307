using RadAnon.Core.Ocr;

namespace RadAnon.Core.Pixels.Text;

/// <summary>An allowlisted marker read at one end of a line, and the rest of the line, in image coordinates.</summary>
internal sealed record MarkerSplit(PixelBox Marker, PixelBox Rest, IReadOnlyList<OcrWord> RestWords, float MarkerConfidence);

/// <summary>
/// A side or projection marker placed beside other text is often grouped with it into one line (glyph heights within
/// the grouping's tolerance, a gap of about a glyph): "AP" a glyph before an "ID:" label, read "AP TD: ...". The line as
/// a whole is no marker, so it would be painted, marker included. When the first or last word read is a confident
/// allowlisted marker that stands apart from its neighbour (a gap wider than a word space, or a clearly different
/// size), it is kept on its own and only the rest of the line is redacted.
/// </summary>
internal static class MarkerSplitter
{
    private static readonly TextThresholds.ReadingThresholds Thresholds = TextThresholds.Default.Reading;

    public static MarkerSplit? TrySplit(TextCandidate candidate, CandidateReading reading, TextClassifier classifier)
    {
        if (reading.Rotation != 0 || reading.Frame is not { } frame || candidate.Vertical)
        {
            return null;
        }

        var words = reading.Words.Where(w => w.Text.Any(char.IsLetterOrDigit)).ToList();
        if (words.Count < 2)
        {
            return null;
        }

        words.Sort((a, b) => a.X.CompareTo(b.X));
        return TryEnd(candidate, words, frame, classifier, first: true) ?? TryEnd(candidate, words, frame, classifier, first: false);
    }

    private static MarkerSplit? TryEnd(TextCandidate candidate, List<OcrWord> words, CropFrame frame, TextClassifier classifier, bool first)
    {
        var marker = first ? words[0] : words[^1];
        var neighbour = first ? words[1] : words[^2];
        var t = Thresholds;
        if (marker.Confidence < t.ConfidentMarker || classifier.ClassifyWord(marker.Text) != TextCategory.Marker)
        {
            return null;
        }

        var m = frame.ToImage(marker);
        var n = frame.ToImage(neighbour);
        var gap = first ? n.X - m.Right : m.X - n.Right;
        var small = Math.Min(m.Height, n.Height);
        var ratio = Math.Max(m.Height, n.Height) / (double)Math.Max(1, small);
        var apart = gap >= t.StandAloneGap * m.Height || (ratio >= t.SizeRatio && gap >= t.SizedApartGap * small);
        if (!apart)
        {
            return null;
        }

        // The boundary sits in the middle of the gap; the marker keeps its own side, the rest of the line the other.
        var box = candidate.Box;
        var cut = first ? m.Right + (gap / 2) : n.Right + (gap / 2);
        if (cut <= box.X || cut >= box.Right)
        {
            return null;
        }

        var markerBox = first ? new PixelBox(box.X, box.Y, cut - box.X, box.Height) : new PixelBox(cut, box.Y, box.Right - cut, box.Height);
        var restBox = first ? new PixelBox(cut, box.Y, box.Right - cut, box.Height) : new PixelBox(box.X, box.Y, cut - box.X, box.Height);
        var rest = first ? words.Skip(1).ToList() : words.Take(words.Count - 1).ToList();
        var around = markerBox.Intersect(m.Inflate(Math.Max(2, t.MarkerMarginShare.Of(m.Height)), int.MaxValue, int.MaxValue));
        return new MarkerSplit(around.IsEmpty ? markerBox : around, restBox, rest, marker.Confidence);
    }
}
