namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// An echo (the opposite-polarity response in a line's gaps and counters) is read only when the line it echoes was not
/// read confidently; otherwise it would be dropped anyway. Only a line with more glyphs silences its echo unread: with
/// equal counts (a lone marker and its counter) nothing says which is the text, so both are read and the readings decide.
/// </summary>
internal static class EchoPairs
{
    public static void Mark(DecisionBoard board)
    {
        var candidates = board.Candidates;
        foreach (var s in board.States)
        {
            for (var i = 0; i < candidates.Count && s.EchoOf < 0; i++)
            {
                if (i != s.Index && BurnedInTextCleaner.IsEchoPair(candidates[i], s.Detected) && candidates[i].GlyphCount > s.Detected.GlyphCount)
                {
                    s.EchoOf = i;
                }
            }
        }
    }

    /// <summary>
    /// Read unless the line it echoes was read confidently, as at least half its glyphs (the "a" of a bold LAT's gaps
    /// accounts for one of five), with more glyphs of its own than the echo once lines crossing it whole are set aside
    /// (a marker's backing square grouped with the first digit of a rotated date).
    /// </summary>
    public static bool NeedsReading(DecisionBoard board, CandidateState echo)
    {
        var line = board.States[echo.EchoOf];
        return line.Region is not { } region || region.Confidence < TextThresholds.Default.Rules.EchoConfidence
            || line.ReadCharacters * 2 < line.Detected.GlyphCount
            || OnlyAsManyGlyphsBesideCrossingLines(board, line, echo);
    }

    private static bool OnlyAsManyGlyphsBesideCrossingLines(DecisionBoard board, CandidateState line, CandidateState echo)
    {
        var read = board.States.Where(s => s.Region is not null).ToList();
        var items = read.Select(s => (s.Line, s.Region!)).ToList();
        return BurnedInTextCleaner.WithoutCrossingLines(items, read.IndexOf(line)) is { } rest && rest.GlyphCount <= echo.Detected.GlyphCount;
    }
}
