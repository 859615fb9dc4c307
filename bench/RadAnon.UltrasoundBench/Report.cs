using System.Globalization;
using RadAnon.Core.Tests.Pixels.Ultrasound;

namespace RadAnon.UltrasoundBench;

/// <summary>Markdown rows of the ultrasound table: counts and percentages only, never text.</summary>
internal static class Report
{
    public static string Row(UltrasoundResult r)
    {
        var painted = r.ProtectedPaintedTotal == 0
            ? "0"
            : $"**{r.ProtectedPaintedTotal}** ({string.Join(", ", r.ProtectedPainted.Where(p => p.Value > 0).Select(p => $"{p.Key} {p.Value}"))})";
        var removed = $"{r.IdentifyingRemoved}/{r.IdentifyingTotal}";
        return string.Create(CultureInfo.InvariantCulture,
            $"| {r.Path} | {r.Frames} | {(r.IdentifyingRemoved < r.IdentifyingTotal ? $"**{removed}**" : removed)} | {Percent(r.CollateralPercent)} | {painted} | {r.MarkersChanged}/{r.MarkersTotal} | {r.RegionsRedacted}{(r.Refused ? " (refused: residual text)" : string.Empty)} |");
    }

    public static string Totals(IReadOnlyList<UltrasoundResult> results)
    {
        var collateral = results.Select(r => r.CollateralPercent).Order().ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"| **{results.Count} files** | | {results.Sum(r => r.IdentifyingRemoved)}/{results.Sum(r => r.IdentifyingTotal)} | mean {collateral.Average():0.00}, max {collateral[^1]:0.00}; {results.Count(r => r.CollateralPercent > 2)} above 2 % | {results.Count(r => r.ProtectedPaintedTotal > 0)} files with painted protected pixels | {results.Sum(r => r.MarkersChanged)}/{results.Sum(r => r.MarkersTotal)} | {results.Sum(r => r.RegionsRedacted)} |");
    }

    private static string Percent(double p) => p > 2 ? string.Create(CultureInfo.InvariantCulture, $"**{p:0.00}**") : p.ToString("0.00", CultureInfo.InvariantCulture);
}
