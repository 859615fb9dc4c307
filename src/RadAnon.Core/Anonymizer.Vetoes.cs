using RadAnon.Core.Ocr;
using RadAnon.Core.Pixels;
using RadAnon.Core.Pixels.Text;
using RadAnon.Core.Provenance;

namespace RadAnon.Core;

// Veto honesty (issue 20, finding 1): a caller's veto keeps text in the pixels, so an output whose vetoed regions hold
// identifying text is never claimed clean.
public sealed partial class Anonymizer
{
    /// <summary>A vetoed area is read at most this long side (larger areas are shrunk), as verification reads its areas.</summary>
    private const int VetoAuditSize = 1200;

    /// <summary>
    /// Vetoed regions the engine judged not identifying (other text, unreadable) were left out of verification, which
    /// skips everything kept. Each of their areas is read again here (sparse OCR of the cleaned view, like verification's
    /// reading of painted surroundings; nothing is read when verification is off, as for an analysis); the count of identifying words found there is returned, and any makes the
    /// output not clean. Identifying vetoed regions are not read: they already make it not clean.
    /// </summary>
    private int AuditVetoes(TextCleaningResult result, Func<GrayImage, byte[]> view, TextCleaningOptions cleaning, IReadOnlyCollection<string> headerValues)
    {
        var width = result.Image.Width;
        var height = result.Image.Height;
        var areas = PixelBox.MergeOverlapping(result.Regions
            .Where(r => r.Action == RegionAction.Vetoed && !TextClassifier.IsIdentifying(r.Category))
            .Select(r => r.Box.Inflate(Math.Max(r.GlyphHeight, 8), width, height)));
        if (areas.Count == 0 || !cleaning.Verify)
        {
            return 0;
        }

        var pixels = view(result.Image);
        var classifier = new TextClassifier(new HeaderValueMatcher(headerValues), cleaning.MarkerAllowlist, cleaning.MinWordConfidence);
        var found = 0;
        foreach (var area in areas)
        {
            var factor = Math.Min(1.0, VetoAuditSize / (double)Math.Max(area.Width, area.Height));
            found += ReadArea(pixels, width, area, factor).Count(w => classifier.IsResidual(w.Text, w.Confidence));
        }

        return found;
    }

    /// <summary>Sparse OCR of one area of an 8-bit view, shrunk by <paramref name="factor"/>.</summary>
    private IReadOnlyList<OcrWord> ReadArea(byte[] view, int stride, PixelBox area, double factor)
    {
        var w = Math.Max(1, (int)(area.Width * factor));
        var h = Math.Max(1, (int)(area.Height * factor));
        var buffer = new byte[w * h];
        for (var y = 0; y < h; y++)
        {
            var row = (area.Y + Math.Min(area.Height - 1, (int)(y / factor))) * stride;
            for (var x = 0; x < w; x++)
            {
                buffer[(y * w) + x] = view[row + area.X + Math.Min(area.Width - 1, (int)(x / factor))];
            }
        }

        return _ocr.Recognize(buffer, w, h, w, OcrMode.SparseText);
    }

    /// <summary>The vetoed regions the engine classified as identifying: boxes and categories, never text.</summary>
    private static IEnumerable<VetoedRegion> VetoedIdentifying(int frame, TextCleaningResult result) => result.Regions
        .Where(r => r.Action == RegionAction.Vetoed && TextClassifier.IsIdentifying(r.Category))
        .Select(r => new VetoedRegion(frame, r.Box.X, r.Box.Y, r.Box.Width, r.Box.Height, RegionReport.Name(r.Category)));

    /// <summary>Sets PixelsCleaned, Forced and the warnings from a run's verification and vetoes.</summary>
    private static void RecordCleanliness(AnonymizationReport report, PixelRun run, bool dicom)
    {
        report.PixelsCleaned = run.AllClean;
        report.Forced = !run.Verified || run.Residual > 0;
        var unchanged = dicom ? " and BurnedInAnnotation was left as it was" : string.Empty;
        if (report.Forced)
        {
            report.AddWarning("forced output: verification still found identifying text; the pixels are not claimed clean" + unchanged);
        }

        if (run.VetoedIdentifying.Count > 0)
        {
            report.AddWarning(FormattableString.Invariant(
                $"{run.VetoedIdentifying.Count} vetoed region(s) were classified as identifying (name, date, ID or header match) and were left in the pixels at the caller's request; the pixels are not claimed clean{unchanged}"));
        }

        if (run.VetoResidual > 0)
        {
            report.AddWarning(FormattableString.Invariant(
                $"{run.VetoResidual} identifying word(s) were read inside vetoed regions the engine had judged not identifying; the pixels are not claimed clean{unchanged}"));
        }
    }
}

/// <summary>A vetoed region classified as identifying: frame, box and category. Never its text.</summary>
public sealed record VetoedRegion(int Frame, int X, int Y, int Width, int Height, string Category);

/// <summary>What vetoes left in the pixels: identifying regions kept at the caller's request, and identifying words read in the others.</summary>
public sealed record VetoReport(int Count, IReadOnlyList<VetoedRegion> Regions, int ResidualWords);
