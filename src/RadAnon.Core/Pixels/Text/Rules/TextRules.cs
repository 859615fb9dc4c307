namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// The names of the rules that decide a region, as reports give them (stable: clients may branch on them). Each rule
/// lives in one file under <c>Pixels/Text/Rules/</c> with its purpose; the names are gathered here so the report's
/// vocabulary can be read in one place.
/// </summary>
public static class TextRules
{
    /// <summary>The options decide: identifying text and unread text are redacted, markers and (with text=identifying) other text kept.</summary>
    public const string Policy = "policy";

    /// <summary>Inside a box the caller vetoed.</summary>
    public const string CallerVeto = "caller-veto";

    /// <summary>A box the caller asked to remove.</summary>
    public const string CallerRegion = "caller-region";

    /// <summary>A marker read at one end of a line was split off and kept; the rest of the line is redacted.</summary>
    public const string MarkerSplit = "marker-split";

    /// <summary>A marker with a redacted line of its size closer than a word space is letters of that word.</summary>
    public const string MarkerInsideLine = "marker-inside-line";

    /// <summary>A lone blob in line with a redacted line, within two glyphs of its end, is the rest of that line.</summary>
    public const string LoneGlyphOfLine = "lone-glyph-of-line";

    /// <summary>Of a region redacted on weak evidence that the learned detector does not see whole, the learned text boxes inside it.</summary>
    public const string LearnedTextInside = "learned-text-inside";

    /// <summary>A text box only the learned detector found, read as identifying.</summary>
    public const string LearnedProposal = "learned-proposal";

    /// <summary>Text verification still read after the first painting: painted in the second round.</summary>
    public const string VerificationResidual = "verification-residual";

    /// <summary>A line a painting cut, found by verification: painted in the second round.</summary>
    public const string VerificationCutLine = "verification-cut-line";

    /// <summary>Every rule name a report may carry.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Policy, CallerVeto, CallerRegion, MarkerSplit, MarkerInsideLine, LoneGlyphOfLine, LearnedTextInside, LearnedProposal, VerificationResidual, VerificationCutLine];
}
