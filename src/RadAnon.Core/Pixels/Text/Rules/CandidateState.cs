using RadAnon.Core.Ocr;

namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// The evidence of one detected candidate, computed once (how it was found, the line it was read as, what was read and
/// how it classifies), and the decision the rules reach for it. Rules read the evidence and write only the decision.
/// </summary>
internal sealed class CandidateState
{
    public CandidateState(int index, TextCandidate detected)
    {
        Index = index;
        Detected = detected;
        Line = detected;
    }

    public int Index { get; }

    /// <summary>The candidate as the detector found it.</summary>
    public TextCandidate Detected { get; }

    /// <summary>The candidate this line is more strongly found as, when it is the opposite-polarity echo of one; else -1.</summary>
    public int EchoOf { get; set; } = -1;

    /// <summary>The line as read (followed along its ink, later cut to its words over anatomy).</summary>
    public TextCandidate Line { get; set; }

    /// <summary>What OCR read of the line (words, the turn that made it upright, where the crop lay).</summary>
    public CandidateReading Reading { get; set; } = new([], 0);

    public IReadOnlyList<OcrWord> Words => Reading.Words;

    public TextCategory Category { get; set; } = TextCategory.Unreadable;

    public float Confidence { get; set; }

    /// <summary>Letters and digits of the first reading (before any second reading at the line's ink value).</summary>
    public int ReadCharacters { get; set; }

    /// <summary>The region decided for it; null when it is no text (dropped) or not decided yet.</summary>
    public TextRegion? Region { get; set; }

    /// <summary>A marker split off the line and kept (see <see cref="MarkerSplitRule"/>).</summary>
    public TextRegion? SplitMarker { get; set; }

    /// <summary>A lone blob no reading made text of: redacted only as part of a redacted line beside it.</summary>
    public bool LoneUnread { get; set; }

    /// <summary>A letter or two read from a line that is not one font in one colour: no better than a weak reading.</summary>
    public bool FewLetters { get; set; }

    /// <summary>Read as nothing, or as a name or other text no more confidently than anatomy is sometimes read.</summary>
    public bool IsWeak => Category == TextCategory.Unreadable
        || (Category is TextCategory.Name or TextCategory.OtherText && Confidence < TextThresholds.Default.Rules.SoftReadingConfidence);
}
