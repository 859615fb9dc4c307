using RadAnon.Core.Ocr;
using RadAnon.Core.Pixels;
using RadAnon.Core.Pixels.Text;
using RadAnon.Core.Provenance;

namespace RadAnon.Core;

// Veto honesty (issue 20, finding 1): a caller's veto keeps text in the pixels, so an output whose vetoed regions hold
// identifying text is never claimed clean.
public sealed partial class Anonymizer
{
    /// <summary>A vetoed region is read at most this long side (larger ones are shrunk), as verification reads its areas.</summary>
    private const int VetoAuditSize = 1200;

    /// <summary>At most this many vetoed regions are read again per frame; any beyond stay unverified (not clean).</summary>
    private const int MaxAuditedVetoes = 64;

    /// <summary>
    /// Vetoed regions the engine judged not identifying (other text, unreadable) are left out of verification, which skips
    /// everything kept, so each is read again here on the output, in both polarities (sparse OCR of the region and a
    /// glyph-height margin). An identifying word read there makes the output not clean; so does a region that no reading
    /// accounts for with one confident word: unreadable text kept at the caller's request cannot be verified (a
    /// whole-image veto over a name OCR could not read was otherwise claimed clean). Nothing is read when verification is
    /// off (an analysis); identifying vetoed regions are not read, they make the output not clean already.
    /// </summary>
    private VetoAudit AuditVetoes(TextCleaningResult result, Func<GrayImage, byte[]> view, TextCleaningOptions cleaning, IReadOnlyCollection<string> headerValues)
    {
        var vetoed = result.Regions.Where(r => r.Action == RegionAction.Vetoed && !TextClassifier.IsIdentifying(r.Category)).ToList();
        if (vetoed.Count == 0 || !cleaning.Verify)
        {
            return VetoAudit.None;
        }

        var (width, height) = (result.Image.Width, result.Image.Height);
        var pixels = view(result.Image);
        var classifier = new TextClassifier(new HeaderValueMatcher(headerValues), cleaning.MarkerAllowlist, cleaning.MinWordConfidence);
        int residual = 0, unverified = Math.Max(0, vetoed.Count - MaxAuditedVetoes);
        foreach (var region in vetoed.Take(MaxAuditedVetoes))
        {
            var area = region.Box.Inflate(Math.Max(region.GlyphHeight, 8), width, height);
            var factor = Math.Min(1.0, VetoAuditSize / (double)Math.Max(area.Width, area.Height));
            var words = ReadArea(pixels, width, area, factor, invert: false).Concat(ReadArea(pixels, width, area, factor, invert: true)).ToList();
            var found = words.Count(w => classifier.IsResidual(w.Text, w.Confidence));
            residual += found;
            if (found == 0 && !words.Any(w => w.Confidence >= cleaning.MinWordConfidence && w.Text.Any(char.IsLetterOrDigit)))
            {
                unverified++;
            }
        }

        return new VetoAudit(residual, unverified);
    }

    /// <summary>Sparse OCR of one area of an 8-bit view, shrunk by <paramref name="factor"/>, optionally inverted (light text on dark).</summary>
    private IReadOnlyList<OcrWord> ReadArea(byte[] view, int stride, PixelBox area, double factor, bool invert)
    {
        var w = Math.Max(1, (int)(area.Width * factor));
        var h = Math.Max(1, (int)(area.Height * factor));
        var buffer = new byte[w * h];
        for (var y = 0; y < h; y++)
        {
            var row = (area.Y + Math.Min(area.Height - 1, (int)(y / factor))) * stride;
            for (var x = 0; x < w; x++)
            {
                var value = view[row + area.X + Math.Min(area.Width - 1, (int)(x / factor))];
                buffer[(y * w) + x] = invert ? (byte)(255 - value) : value;
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

        if (run.VetoUnverified > 0)
        {
            report.AddWarning(FormattableString.Invariant(
                $"{run.VetoUnverified} vetoed region(s) could not be read again, so they are not verified free of identifying text; the pixels are not claimed clean{unchanged}"));
        }
    }
}

/// <summary>A vetoed region classified as identifying: frame, box and category. Never its text.</summary>
public sealed record VetoedRegion(int Frame, int X, int Y, int Width, int Height, string Category);

/// <summary>
/// What vetoes left in the pixels: identifying regions kept at the caller's request, identifying words read in the other
/// vetoed regions, and vetoed regions no reading could account for (unverified).
/// </summary>
public sealed record VetoReport(int Count, IReadOnlyList<VetoedRegion> Regions, int ResidualWords, int Unverified);

/// <summary>The second reading of vetoed non-identifying regions: identifying words found, regions it could not read.</summary>
internal sealed record VetoAudit(int ResidualWords, int Unverified)
{
    public static VetoAudit None { get; } = new(0, 0);
}
