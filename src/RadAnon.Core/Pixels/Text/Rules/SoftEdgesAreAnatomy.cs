namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// Not read (or read weakly as a word no header holds), and no edge in it as steep as a drawn glyph's: smooth anatomy
/// such as overlapping bone shadows, which Tesseract sometimes makes a word of (see <see cref="EdgeCue"/>). Edges inside
/// what other confident readings explain (a kept marker's box with its backing rim, what is surely painted of a
/// redacted line) do not count.
/// </summary>
internal sealed class SoftEdgesAreAnatomy : IBoardRule
{
    public string Name => "soft-edges-are-anatomy";

    public void Apply(DecisionBoard board)
    {
        var context = board.Context;
        var explained = board.States
            .Where(s => s.Region is { Category: not TextCategory.Unreadable } r && r.Confidence >= TextThresholds.Default.Rules.EchoConfidence)
            .Select(s => (s.Index, Box: Explained(s.Region!, context))).ToList();
        Parallel.ForEach(board.States, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, s =>
        {
            if (s.Region is { } r && (IsWeakReading(r) || s.FewLetters)
                && EdgeCue.IsSoft(r.Box, context.View, context.Width, context.Height, r.GlyphHeight, context.InkThreshold, context.StrokeContrast,
                    explained.Where(e => e.Index != s.Index).Select(e => e.Box).ToList()))
            {
                s.Region = null;
            }
        });
    }

    /// <summary>Not read, or read as a name or other text no more confidently than anatomy is sometimes read.</summary>
    private static bool IsWeakReading(TextRegion r) =>
        r.Category == TextCategory.Unreadable || (r.Category is TextCategory.Name or TextCategory.OtherText && r.Confidence < TextThresholds.Default.Rules.SoftReadingConfidence);

    /// <summary>What a confident reading accounts for: what is surely painted of a redacted line; a kept marker's box with its backing rim.</summary>
    private static PixelBox Explained(TextRegion region, DecisionContext context)
    {
        var t = TextThresholds.Default.Rules;
        return region.Action == RegionAction.Redacted
            ? BurnedInTextCleaner.SurelyPainted(region, context.Width, context.Height)
            : region.Box.Inflate(t.KeptMarkerRimPixels + (region.GlyphHeight / t.KeptMarkerRimDivisor), context.Width, context.Height);
    }
}
