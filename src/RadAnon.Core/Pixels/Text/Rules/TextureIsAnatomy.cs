namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// Not read, and the ink goes on all around it as it does inside: texture, not a line standing out from its background
/// as burned-in text does (see <see cref="TextureCue"/>). Text read nearby (and its echoes) is no texture, so its boxes are left out.
/// </summary>
internal sealed class TextureIsAnatomy : IBoardRule
{
    public string Name => "texture-is-anatomy";

    public void Apply(DecisionBoard board)
    {
        var context = board.Context;
        var read = board.States.Where(s => s.Region is { Category: not TextCategory.Unreadable }).Select(s => s.Detected.Box).ToList();
        Parallel.ForEach(board.States, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, s =>
        {
            if (s.Region is { Category: TextCategory.Unreadable }
                && TextureCue.IsTexture(s.Detected, board.Candidates, read, context.View, context.Width, context.Height, context.InkThreshold))
            {
                s.Region = null;
            }
        });
    }
}
