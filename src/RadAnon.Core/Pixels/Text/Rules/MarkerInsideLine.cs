namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// A marker is kept only when it stands alone: a redacted line of its polarity and size closer along its reading
/// direction than a word space makes it letters of a word ("CC" of "ACC"), redacted with it.
/// </summary>
internal sealed class MarkerInsideLine : IBoardRule
{
    public string Name => TextRules.MarkerInsideLine;

    public void Apply(DecisionBoard board)
    {
        var all = board.Survivors;
        board.Survivors = all.Select(x => x.Region is { Action: RegionAction.Kept, Category: TextCategory.Marker, SplitFromLine: false } && BurnedInTextCleaner.IsPartOfLine(x, all)
            ? (x.Candidate, x.Region with { Action = RegionAction.Redacted, Category = TextCategory.OtherText, Method = board.Context.Options.Redaction, Rule = Name })
            : x).ToList();
    }
}
