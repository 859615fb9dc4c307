using RadAnon.Core.Pixels.Text.Learned;

namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// The learned detector as a proposer: a text box it found where the glyph detector found nothing is read, and redacted
/// when it reads as a value from the file's header or a date. Text the model alone proposes that reads as nothing of
/// the kind is left: a second signal is needed before anything is painted.
/// </summary>
internal sealed class LearnedProposals : IBoardRule
{
    public string Name => TextRules.LearnedProposal;

    public void Apply(DecisionBoard board)
    {
        var context = board.Context;
        var known = board.Candidates.Select(c => c.Box).Concat(board.Survivors.Select(x => x.Region.Box)).ToList();
        var proposals = board.Map.Boxes.Select(b => b.Box).Distinct().Where(b => !known.Any(k => k.Intersects(b))).ToList();
        var found = new List<(TextCandidate, TextRegion)>();
        Parallel.ForEach(proposals, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, box =>
        {
            if (Read(box, context) is { } proposal)
            {
                lock (found)
                {
                    found.Add(proposal);
                }
            }
        });
        board.Survivors = [.. board.Survivors, .. found.OrderBy(f => f.Item2.Box.Y).ThenBy(f => f.Item2.Box.X)];
    }

    private static (TextCandidate, TextRegion)? Read(PixelBox box, DecisionContext context)
    {
        var line = AsCandidate(box, context);
        var reading = context.Reader.Read(line, context.View, context.Width, context.Height);
        var (category, confidence) = context.Classifier.Classify(reading.Words);
        if (!IsIdentifying(category))
        {
            return null;
        }

        var region = new TextRegion
        {
            Box = box, Rotation = reading.Rotation, Category = category, Action = RegionAction.Redacted, Method = context.Options.Redaction,
            Confidence = confidence, GlyphHeight = line.GlyphHeight, Rule = TextRules.LearnedProposal, SeenByLearnedDetector = true,
            PaintedBox = box.Inflate(TextThresholds.Default.Painting.MarginPixels, context.Width, context.Height),
        };
        return (line, region);
    }

    /// <summary>Only readings no shape is mistaken for: a value from the file's header, or a date (digit strings and
    /// names are read from screw threads and bone edges often enough that the model's word alone cannot carry them).</summary>
    private static bool IsIdentifying(TextCategory category) => category is TextCategory.HeaderMatch or TextCategory.Date;

    /// <summary>A learned box as a line to read: its polarity from whether its extremes stand above or below its rim, its glyphs from its thickness.</summary>
    private static TextCandidate AsCandidate(PixelBox box, DecisionContext context)
    {
        var (rim, low, high) = RimAndRange(box, context);
        var vertical = box.Height > TextThresholds.Default.Rules.ProposalVerticalAspect * box.Width;
        var thickness = Math.Min(box.Width, box.Height);
        var glyph = Math.Max(1, (int)(thickness * TextThresholds.Default.Rules.ProposalGlyphShare));
        return new TextCandidate
        {
            Box = box, Polarity = high - rim >= rim - low ? TextPolarity.LightOnDark : TextPolarity.DarkOnLight, Vertical = vertical,
            GlyphHeight = glyph, GlyphCount = Math.Max(2, Math.Max(box.Width, box.Height) / Math.Max(1, glyph)), Scale = 1,
        };
    }

    private static (double Rim, int Low, int High) RimAndRange(PixelBox box, DecisionContext context)
    {
        long rim = 0;
        var count = 0;
        var (low, high) = (int.MaxValue, int.MinValue);
        for (var y = box.Y; y < box.Bottom; y++)
        {
            for (var x = box.X; x < box.Right; x++)
            {
                int v = context.View[(y * context.Width) + x];
                (low, high) = (Math.Min(low, v), Math.Max(high, v));
                if (y == box.Y || y == box.Bottom - 1 || x == box.X || x == box.Right - 1)
                {
                    rim += v;
                    count++;
                }
            }
        }

        return (rim / (double)Math.Max(1, count), low, high);
    }
}
