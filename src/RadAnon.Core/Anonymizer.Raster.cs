using System.Diagnostics;
using RadAnon.Core.Pixels.Text;
using RadAnon.Core.Profiles;
using RadAnon.Core.Provenance;
using RadAnon.Core.Raster;

namespace RadAnon.Core;

public sealed partial class Anonymizer
{
    private PendingOutput AnonymizeRaster(ReadOnlyMemory<byte> input, RasterFormat format, AnonymizeOptions options, DeidentificationProfile profile, string? marker)
    {
        var outputFormat = OutputRasterFormat(format, options.Format);
        var removed = MetadataInventory.List(input.Span, format)
            .GroupBy(name => name, StringComparer.Ordinal)
            .Select(g => new RemovedField(g.Key, g.Count()))
            .ToList();
        var clock = Stopwatch.StartNew();
        var raster = Load(input, format, dropAlpha: outputFormat == RasterFormat.Jpeg, bits: options.Format switch
        {
            OutputFormat.Png16 => 16,
            OutputFormat.Jpeg => 8,
            _ => null,
        });
        var decodeMs = clock.Elapsed.TotalMilliseconds;
        var report = new AnonymizationReport
        {
            InputKind = format == RasterFormat.Png ? "png" : "jpeg",
            InputSha256 = Sha256(input.Span),
            Profile = profile.Name,
            Input = new ImageGeometry(raster.Width, raster.Height, 1),
            RasterMetadataRemoved = removed,
        };
        StampInputHash(report, input.Span);

        var run = new PixelRun { OcrVersion = "tesseract " + _ocr.Version, DecodeMs = decodeMs };
        if (CleansPixels(profile))
        {
            var cleaning = CallerRegions.For(options, raster.Width, raster.Height);
            var result = CleanRaster(raster, cleaning);
            run.Add(0, result, AuditVetoes(result, image => image.To8BitView(), cleaning, []));
            RecordCleanliness(report, run, dicom: false);
        }
        else
        {
            report.AddWarning($"profile '{profile.Name}' does not clean pixel data: metadata was removed but burned-in text may remain");
        }

        clock.Restart();
        var output = WithMarker(RasterCodec.Encode(raster, outputFormat, _limits.JpegQuality), outputFormat, marker);
        run.EncodeMs = clock.Elapsed.TotalMilliseconds;
        if (CleansPixels(profile))
        {
            report.Pixels = BuildPixelReport(options, run);
        }

        report.OutputKind = outputFormat == RasterFormat.Png ? "png" : "jpeg";
        report.OutputLossy = format == RasterFormat.Jpeg || outputFormat == RasterFormat.Jpeg;
        report.Output = new ImageGeometry(raster.Width, raster.Height, 1);
        return outputFormat == RasterFormat.Png
            ? new PendingOutput("image/png", ".png", report) { Bytes = output }
            : new PendingOutput("image/jpeg", ".jpg", report) { Bytes = output };
    }

    private AnalysisResult AnalyzeRaster(ReadOnlyMemory<byte> input, RasterFormat format, AnonymizeOptions options, DeidentificationProfile profile)
    {
        _ = OutputRasterFormat(format, options.Format);
        var raster = Load(input, format, dropAlpha: false, bits: null);
        var result = _cleaner.Clean(raster.Luminance(), CallerRegions.For(options, raster.Width, raster.Height) with { Verify = false, Force = true }, []);
        var (preview, scale) = RasterCodec.Preview(RasterCodec.ToRendered(raster), _limits.PreviewSize);
        var warnings = CleansPixels(profile) ? [] : new[] { $"profile '{profile.Name}' does not clean pixel data" };
        return new AnalysisResult(format == RasterFormat.Png ? "png" : "jpeg", new ImageGeometry(raster.Width, raster.Height, 1), [],
            result.Regions.Select(r => RegionReport.From(0, r)).ToList(), preview, scale, warnings);
    }

    private static RasterFormat OutputRasterFormat(RasterFormat input, OutputFormat requested) => requested switch
    {
        OutputFormat.Same => input,
        OutputFormat.Png or OutputFormat.Png16 => RasterFormat.Png,
        OutputFormat.Jpeg => RasterFormat.Jpeg,
        _ => throw new InvalidOptionsException("format", "a PNG or JPEG input cannot be written as DICOM; use format same, png, png16 or jpeg"),
    };

    private RasterPlanes Load(ReadOnlyMemory<byte> input, RasterFormat format, bool dropAlpha, int? bits)
    {
        using var image = new RasterSanitizer(new RasterLimits { MaxPixels = _limits.MaxPixels }).Load(input, format);
        return RasterCodec.Decode(image, dropAlpha, bits);
    }

    /// <summary>Detects on the gray band or RGB luminance; the gray band is cleaned directly, colour and alpha bands get the same boxes.</summary>
    private TextCleaningResult CleanRaster(RasterPlanes raster, TextCleaningOptions cleaning)
    {
        var result = _cleaner.Clean(raster.Luminance(), cleaning, []);
        var clock = Stopwatch.StartNew();
        var boxes = result.Regions.Where(r => r.Action == RegionAction.Redacted).Select(r => r.PaintedBox!.Value).ToList();
        var first = 0;
        if (raster.ColorBands == 1)
        {
            raster.Planes[0] = result.Image;
            first = 1;
        }

        for (var b = first; b < raster.Planes.Length; b++)
        {
            RegionRedactor.Redact(raster.Planes[b], boxes, cleaning.Redaction, null);
        }

        return result with { Timings = result.Timings with { RedactMs = result.Timings.RedactMs + clock.Elapsed.TotalMilliseconds } };
    }
}
