namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// A redacted line is followed past the part the detector found, along its own ink (see <see cref="LineContinuation"/>),
/// never into a kept marker; its painting stops at a marker split off beside it.
/// </summary>
internal sealed class FollowRedactedLines : IBoardRule
{
    public string Name => "follow-redacted-lines";

    public void Apply(DecisionBoard board)
    {
        var context = board.Context;
        var kept = board.Survivors.Where(x => x.Region.Action == RegionAction.Kept).Select(x => x.Region.Box).ToList();
        var split = board.Survivors.Where(x => x.Region.SplitFromLine).Select(x => x.Region.Box).ToList();
        board.Survivors = board.Survivors.Select(x => x.Region.Action == RegionAction.Redacted
            ? (x.Candidate, BurnedInTextCleaner.Continued(x.Candidate, x.Region, context.View, context.Width, context.Height, context.Noise, kept, split))
            : x).ToList();
    }
}
