using RadAnon.Core.Pixels;
using RadAnon.Core.Pixels.Text;
using RadAnon.SyntheticData.Captures;

namespace RadAnon.SyntheticData.Scoring;

/// <summary>
/// Scores cleaning of screenshots and photos against their line truth, on the luminance image the engine cleans: an
/// identifying line counts as removed when at least 98 % of its box was painted, a marker as kept when under 20 % was,
/// and collateral is per image (changed pixels outside every truth box and its margin, over such pixels). Lines of other
/// UI text are neither: painting them is not collateral. Nothing here ever holds or prints text content.
/// </summary>
public sealed class CaptureEvaluation
{
    public const double RemovedShare = 0.98;
    public const double KeptShare = 0.2;

    public int IdentifyingTotal { get; private set; }

    public int IdentifyingRemoved { get; private set; }

    public int MarkersTotal { get; private set; }

    public int MarkersKept { get; private set; }

    public int OtherTotal { get; private set; }

    public int OtherPainted { get; private set; }

    public CollateralStats Collateral { get; } = new();

    /// <summary>Missed identifying lines and lost markers: seed, field, box and glyph height; never text.</summary>
    public List<string> Misses { get; } = [];

    public double Recall => IdentifyingTotal == 0 ? 1 : IdentifyingRemoved / (double)IdentifyingTotal;

    public double MarkerRetention => MarkersTotal == 0 ? 1 : MarkersKept / (double)MarkersTotal;

    public void Add(int seed, GrayImage before, IReadOnlyList<LineTruth> truth, TextCleaningResult result)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(result);
        var (w, h) = (before.Width, before.Height);
        var painted = TruthMasks.Painted(result, w, h);
        foreach (var line in truth)
        {
            Score(seed, line, TruthMasks.Share(painted, w, line.Box));
        }

        var text = TruthMasks.Text(truth.Select(t => (t.Box, t.GlyphHeight)), w, h);
        var (outside, changed) = TruthMasks.Collateral(before, result.Image, text);
        Collateral.Add(seed, outside == 0 ? 0 : changed / (double)outside);
    }

    private void Score(int seed, LineTruth line, double share)
    {
        switch (line.Kind)
        {
            case LineKind.Identifying:
                IdentifyingTotal++;
                IdentifyingRemoved += share >= RemovedShare ? 1 : 0;
                break;
            case LineKind.Marker:
                MarkersTotal++;
                MarkersKept += share < KeptShare ? 1 : 0;
                break;
            default:
                OtherTotal++;
                OtherPainted += share >= KeptShare ? 1 : 0;
                return;
        }

        var missed = line.Kind == LineKind.Identifying ? share < RemovedShare : share >= KeptShare;
        if (missed)
        {
            var b = line.Box;
            Misses.Add(FormattableString.Invariant(
                $"seed {seed} {(line.Identifying ? "missed" : "lost marker")} {line.Field} at {b.X},{b.Y} {b.Width}x{b.Height} h={line.GlyphHeight} painted={share:0.00}"));
        }
    }

    public override string ToString() => FormattableString.Invariant(
        $"identifying recall {Recall:0.000} ({IdentifyingRemoved}/{IdentifyingTotal}), markers kept {MarkerRetention:0.000} ({MarkersKept}/{MarkersTotal}), other UI text painted {OtherPainted}/{OtherTotal}, {Collateral}");
}
