namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// Of two readings of opposite polarity over the same place, the less confident is the echo of the other (a light line's
/// counters and gaps) and goes; so does a region another confident reading explains: a surround, or a fragment or
/// counter of a kept marker (see <see cref="BurnedInTextCleaner.DropWeakerOppositePolarity"/>).
/// </summary>
internal sealed class EchoesAndSurrounds : IBoardRule
{
    public string Name => "echoes-and-surrounds";

    public void Apply(DecisionBoard board) =>
        board.Survivors = BurnedInTextCleaner.DropWeakerOppositePolarity(board.Survivors, board.SurvivorsDetected);
}
