namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// A lone blob no reading made a character of is no text on its own, but in line with a confidently read line that is
/// redacted, within two glyphs of its end and of its glyph size, it is the rest of that line (the last digits of a
/// rotated ID past a line that crosses it). Redacted unread, and followed as that line is.
/// </summary>
internal sealed class LoneGlyphOfLine : IBoardRule
{
    public string Name => TextRules.LoneGlyphOfLine;

    public void Apply(DecisionBoard board)
    {
        var context = board.Context;
        var redactedLines = board.States
            .Where(s => s.Region is { Action: RegionAction.Redacted, Category: not TextCategory.Unreadable } r && r.Confidence >= TextThresholds.Default.Rules.EchoConfidence)
            .Select(s => s.Line).ToList();
        foreach (var s in board.States.Where(s => s.LoneUnread))
        {
            if (redactedLines.FirstOrDefault(line => BurnedInTextCleaner.IsLoneGlyphOf(s.Detected, line)) is not { } parent)
            {
                continue;
            }

            s.Line = s.Detected with { Vertical = parent.Vertical, GlyphHeight = parent.GlyphHeight };
            s.Region = new TextRegion
            {
                Box = s.Detected.Box, Rotation = 0, Category = TextCategory.Unreadable, Action = RegionAction.Redacted,
                Method = context.Options.Redaction, Confidence = 0, GlyphHeight = s.Detected.GlyphHeight, Rule = Name,
                PaintedBox = BurnedInTextCleaner.Painted(s.Detected, context.Width, context.Height),
            };
        }
    }
}
