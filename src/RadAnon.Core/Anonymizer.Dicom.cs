using System.Diagnostics;
using System.Globalization;
using RadAnon.Core.Diagnostics;
using RadAnon.Core.Pixels;
using RadAnon.Core.Pixels.Text;
using RadAnon.Core.Profiles;
using RadAnon.Core.Provenance;
using RadAnon.Core.Raster;
using RadAnon.Dicom;
using RadAnon.Dicom.Data;
using RadAnon.Dicom.Pixels;
using RadAnon.Dicom.Writing;

namespace RadAnon.Core;

public sealed partial class Anonymizer
{
    private PendingOutput AnonymizeDicom(ReadOnlyMemory<byte> input, AnonymizeOptions options, DeidentificationProfile profile, PseudonymKey key, string? marker)
    {
        DicomFile file;
        using (StageScope.Start(Timings, "parse"))
        {
            file = ReadDicom(input);
        }

        try
        {
            var pending = AnonymizeDicom(file, input, options, profile, key, marker);
            pending.Source = file;
            return pending;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private PendingOutput AnonymizeDicom(DicomFile file, ReadOnlyMemory<byte> input, AnonymizeOptions options, DeidentificationProfile profile, PseudonymKey key, string? marker)
    {
        var dataset = file.Dataset;
        var hasPixels = HasPixels(dataset);
        var export = options.Format is OutputFormat.Png or OutputFormat.Jpeg or OutputFormat.Png16;
        if (export && !hasPixels)
        {
            throw new InvalidOptionsException("format", $"the object has no pixel data to export as {options.Format.ToString().ToLowerInvariant()}; use format same or dicom");
        }

        RefuseVisualFeatures(profile, hasPixels);
        var report = new AnonymizationReport
        {
            InputKind = "dicom",
            InputSha256 = HashInput(input.Span),
            Profile = profile.Name,
            Input = Geometry(dataset, hasPixels),
        };
        StampInputHash(report, input.Span);

        var cleanPixels = hasPixels && CleansPixels(profile);
        var burn = profile.BurnOverlays && OverlayPlane.AnyGroup(dataset);
        if (burn && !hasPixels)
        {
            report.AddWarning(OverlaysNotBurnedWarning);
        }

        var frames = hasPixels && (cleanPixels || export || burn) ? ProcessFrames(file, options, cleanPixels, export, burn, report) : null;
        if (export)
        {
            return Export(dataset, frames!, options, report, marker);
        }

        if (frames is null && hasPixels && !KeepsOverlays(profile))
        {
            using (StageScope.Start(Timings, "unused pixel bits"))
            {
                NormalizeUnusedPixelBits(file, report);
            }
        }

        HeaderReport header;
        using (StageScope.Start(Timings, "de-identify"))
        {
            RepairSopInstanceUid(file);
            header = HeaderDeidentifier.Apply(dataset, profile, key, _profiles.SafePrivate);
        }

        report.Header = header;
        var syntax = file.TransferSyntax;
        if (frames is not null)
        {
            var clock = Stopwatch.StartNew();
            syntax = WritePixels(dataset, frames, file.TransferSyntax);
            if (report.Pixels is { } pixels)
            {
                report.Pixels = pixels with { Timings = pixels.Timings with { EncodeMs = R(clock.Elapsed.TotalMilliseconds) } };
            }

            if (report.PixelsCleaned)
            {
                HeaderDeidentifier.RecordPixelCleaning(dataset, header);
            }
        }

        if (marker is not null)
        {
            dataset.AddOrUpdate(DicomTags.DeidentificationMethod, DicomVR.LO, [.. dataset.GetStrings(DicomTags.DeidentificationMethod), ProvenanceMarker.DicomPrefix + marker]);
        }

        report.OutputKind = "dicom";
        report.OutputTransferSyntax = syntax.Uid;
        report.OutputLossy = file.TransferSyntax.Lossy || dataset.GetString(DicomTags.LossyImageCompression) == "01";
        report.Output = report.Input;
        header.InputHmacSha256 = report.InputHmacSha256;
        return new PendingOutput("application/dicom", ".dcm", report) { File = file, WriteOptions = new DicomWriteOptions { TransferSyntax = syntax } };
    }

    private string HashInput(ReadOnlySpan<byte> input)
    {
        using (StageScope.Start(Timings, "hash input"))
        {
            return Sha256(input);
        }
    }

    private AnalysisResult AnalyzeDicom(ReadOnlyMemory<byte> input, AnonymizeOptions options, DeidentificationProfile profile, PseudonymKey key)
    {
        using var file = ReadDicom(input);
        var hasPixels = HasPixels(file.Dataset);
        var headerValues = HeaderTextValues.Collect(file.Dataset, TextCleaningOptions.DefaultMarkers);
        var copy = file.Dataset.Clone();
        var header = HeaderDeidentifier.Apply(copy, profile, key, _profiles.SafePrivate);
        var regions = new List<RegionReport>();
        byte[]? preview = null;
        var scale = 1.0;
        if (hasPixels)
        {
            var decoder = new PixelDataDecoder(file);
            CheckLimits(decoder.Description);
            var burner = profile.BurnOverlays && OverlayPlane.AnyGroup(file.Dataset) ? new OverlayBurner(file.Dataset, decoder) : null;
            var cleaning = CallerRegions.For(options, decoder.Description.Columns, decoder.Description.Rows) with { Verify = false, Force = true };
            for (var f = 0; f < decoder.NumberOfFrames; f++)
            {
                var frame = decoder.DecodeFrame(f);
                var planes = FramePlanes.Split(frame);
                if (burner is not null && burner.Burn(f, planes) > 0)
                {
                    frame = planes.ToFrame();
                }

                var (result, _) = CleanFrame(file.Dataset, frame, planes, cleaning, headerValues);
                regions.AddRange(result.Regions.Select(r => RegionReport.From(f, r)));
                if (f == 0)
                {
                    (preview, scale) = RasterCodec.Preview(DisplayRenderer.Render(file.Dataset, frame), _limits.PreviewSize);
                }
            }
        }

        return new AnalysisResult("dicom", Geometry(file.Dataset, hasPixels), header.Elements, regions, preview, scale, header.Warnings);
    }

    private DicomFile ReadDicom(ReadOnlyMemory<byte> input)
    {
        var file = DicomFile.Read(input, _limits.Reading);
        if (file.FileMetaInformation.GetString(DicomTags.MediaStorageSOPClassUID) == HeaderDeidentifier.DicomDirSopClassUid)
        {
            file.Dispose();
            throw new DeidentificationRefusedException("dicomdir",
                "DICOMDIR files index other files and are not de-identified; anonymize the referenced files and rebuild the DICOMDIR");
        }

        return file;
    }

    private static bool HasPixels(DicomDataset dataset) =>
        dataset.Contains(DicomTags.PixelData) || dataset.Contains(DicomTags.FloatPixelData) || dataset.Contains(DicomTags.DoubleFloatPixelData);

    private static void RefuseVisualFeatures(DeidentificationProfile profile, bool hasPixels)
    {
        if (hasPixels && profile.Has(ProfileOption.CleanRecognizableVisualFeatures))
        {
            throw new DeidentificationRefusedException("pixels-not-cleaned",
                $"profile '{profile.Name}' requires Clean Recognizable Visual Features (faces, surface renderings), which RadAnon cannot do; "
                + "the object was refused rather than emitted uncleaned");
        }
    }

    private static ImageGeometry Geometry(DicomDataset dataset, bool hasPixels) => hasPixels
        ? new(dataset.GetOrDefault(DicomTags.Columns, 0), dataset.GetOrDefault(DicomTags.Rows, 0), Math.Max(1, dataset.GetOrDefault(DicomTags.NumberOfFrames, 1)))
        : new(0, 0, 0);

    /// <summary>
    /// An empty SOP Instance UID: adopt the meta header's so both map to the same pseudonym, or, when the meta has none
    /// either, mint a fresh one (there is nothing to stay consistent with).
    /// </summary>
    private static void RepairSopInstanceUid(DicomFile file)
    {
        if (!string.IsNullOrEmpty(file.Dataset.GetString(DicomTags.SOPInstanceUID)))
        {
            return;
        }

        var uid = file.FileMetaInformation.GetString(DicomTags.MediaStorageSOPInstanceUID) is { Length: > 0 } metaUid
            ? metaUid
            : "2.25." + new System.Numerics.BigInteger([.. System.Security.Cryptography.RandomNumberGenerator.GetBytes(16), 0]).ToString(System.Globalization.CultureInfo.InvariantCulture);
        file.Dataset.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, uid);
    }

    /// <summary>DICOM to PNG/JPEG: frame 0 rendered for display (Modality LUT, VOI, MONOCHROME1 inversion), no header.</summary>
    private PendingOutput Export(DicomDataset dataset, List<FramePlanes> frames, AnonymizeOptions options, AnonymizationReport report, string? marker)
    {
        var clock = Stopwatch.StartNew();
        var bits = options.Format == OutputFormat.Png16 ? 16 : 8;
        var rendered = DisplayRenderer.Render(dataset, frames[0].ToFrame(), bits);
        var format = options.Format == OutputFormat.Jpeg ? RasterFormat.Jpeg : RasterFormat.Png;
        var output = RasterCodec.EncodeRendered(rendered, format, _limits.JpegQuality);
        output = WithMarker(output, format, marker);
        if (report.Pixels is { } pixels)
        {
            report.Pixels = pixels with { Timings = pixels.Timings with { EncodeMs = R(clock.Elapsed.TotalMilliseconds) } };
        }

        report.AddWarning("exported for display: the DICOM header is not carried into the " + (format == RasterFormat.Png ? "PNG" : "JPEG"));
        report.OutputKind = format == RasterFormat.Png ? "png" : "jpeg";
        report.OutputLossy = format == RasterFormat.Jpeg || dataset.GetString(DicomTags.LossyImageCompression) == "01";
        report.Output = new ImageGeometry(rendered.Width, rendered.Height, 1);
        return format == RasterFormat.Png
            ? new PendingOutput("image/png", ".png", report) { Bytes = output }
            : new PendingOutput("image/jpeg", ".jpg", report) { Bytes = output };
    }

    private static byte[] WithMarker(byte[] output, RasterFormat format, string? marker)
    {
        var left = MetadataInventory.List(output, format);
        if (left.Count > 0)
        {
            throw new InvalidOperationException("the encoded image still carries " + string.Join(", ", left) + "; refusing the output");
        }

        return marker is null ? output
            : format == RasterFormat.Png ? ProvenanceMarker.WritePng(output, marker) : ProvenanceMarker.WriteJpeg(output, marker);
    }
}
