using System.Diagnostics;
using System.Globalization;
using RadAnon.Core.Diagnostics;
using RadAnon.Core.Pixels;
using RadAnon.Core.Pixels.Text;
using RadAnon.Core.Profiles;
using RadAnon.Core.Provenance;
using RadAnon.Core.Raster;
using RadAnon.Dicom;
using RadAnon.Dicom.Codecs;
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
        header.InputSha256 = report.InputSha256;
        return new PendingOutput("application/dicom", ".dcm", report) { File = file, WriteOptions = new DicomWriteOptions { TransferSyntax = syntax } };
    }

    /// <summary>A profile that keeps Overlay Data as it is (an override) keeps embedded overlay bits too.</summary>
    private static bool KeepsOverlays(DeidentificationProfile profile) =>
        !profile.BurnOverlays && profile.Overrides.TryGetValue(new DicomTag(0x6000, 0x3000), out var kept) && kept == ProfileAction.Keep;

    /// <summary>
    /// Pixels written back untouched (no pixel cleaning, no burning): bits of native pixel words outside the stored bits
    /// are not part of any value and are where pre-2004 writers embedded overlays (whose 60xx description the header
    /// run removes); they are rewritten to carry nothing (see <see cref="UnusedPixelBits"/>), every stored value kept.
    /// Encapsulated pixel data is not decoded here; its codecs keep BitsStored bits of precision.
    /// </summary>
    private static void NormalizeUnusedPixelBits(DicomFile file, AnonymizationReport report)
    {
        var dataset = file.Dataset;
        if (file.TransferSyntax.Encapsulated || dataset[DicomTags.PixelData] is not DicomValueElement pixels)
        {
            return;
        }

        PixelDescription description;
        try
        {
            description = PixelDescription.FromDataset(dataset);
        }
        catch (InvalidDicomException)
        {
            return; // no coherent word layout to normalise by; the pixel data is written as it was read
        }

        IReadOnlyList<OverlayPlane> planes;
        try
        {
            planes = OverlayPlane.AnyGroup(dataset) ? OverlayPlane.ReadAll(dataset, description) : [];
        }
        catch (InvalidDicomException)
        {
            planes = []; // an overlay that cannot be drawn as declared: its bits are normalised all the same
        }

        if (UnusedPixelBits.Normalize(pixels.Data.Span, description) is not { } normalized)
        {
            return;
        }

        dataset.AddOrReplace(new DicomValueElement(DicomTags.PixelData, pixels.VR, normalized.Data));
        var embedded = planes.Where(p => p.Embedded).Select(p => new OverlayReport(
            p.Group.ToString("X4", CultureInfo.InvariantCulture), p.Rows, p.Columns, p.Frames, p.Type,
            "pixel-data-bit-" + p.BitPosition.ToString(CultureInfo.InvariantCulture), "cleared")).ToList();
        if (embedded.Count > 0)
        {
            report.Overlays = embedded;
        }

        var low = description.HighBit - description.BitsStored + 1;
        var planesText = embedded.Count > 0 ? $"{embedded.Count} embedded overlay plane(s)" : "no overlay declared";
        var done = description.IsSigned ? "set to the sign of each value" : "cleared";
        report.AddWarning(string.Create(CultureInfo.InvariantCulture,
            $"{normalized.ChangedWords} pixel word(s) had bits set outside the stored bits {low}-{description.HighBit} of {description.BitsAllocated} ({planesText}); those bits were {done}, every stored value kept"));
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
            var cleaning = options.ToCleaningOptions() with { Verify = false, Force = true };
            for (var f = 0; f < decoder.NumberOfFrames; f++)
            {
                var frame = decoder.DecodeFrame(f);
                var planes = FramePlanes.Split(frame);
                if (burner is not null && burner.Burn(f, planes) > 0)
                {
                    frame = planes.ToFrame();
                }

                var result = CleanFrame(file.Dataset, frame, planes, cleaning, headerValues);
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

    private void CheckLimits(PixelDescription d)
    {
        if (d.PixelsPerFrame > _limits.MaxPixels)
        {
            throw new ImageTooLargeException(d.Columns, d.Rows, _limits.MaxPixels);
        }

        if (d.NumberOfFrames > _limits.MaxFrames)
        {
            throw new DeidentificationRefusedException("too-many-frames", $"the object has {d.NumberOfFrames} frames; at most {_limits.MaxFrames} are cleaned per request");
        }

        // Frames and the rebuilt pixel data are single arrays: a configuration with MaxPixels high enough for a frame (or
        // all frames) to pass Array.MaxLength is refused here, not by an overflow halfway through.
        var total = d.DecodedFrameLength * (long)Math.Max(1, d.NumberOfFrames);
        if (d.DecodedFrameLength > Array.MaxLength || total > Array.MaxLength)
        {
            throw new ImageTooLargeException(d.Columns, d.Rows, _limits.MaxPixels, total);
        }
    }

    /// <summary>
    /// Decodes every frame (a frame that cannot be decoded throws: fail closed), burns the overlay planes into it when
    /// asked (before cleaning, so the cleaner sees text drawn in an overlay) and cleans it when asked.
    /// </summary>
    private List<FramePlanes> ProcessFrames(DicomFile file, AnonymizeOptions options, bool clean, bool export, bool burn, AnonymizationReport report)
    {
        var decoder = new PixelDataDecoder(file);
        CheckLimits(decoder.Description);
        var burner = burn ? new OverlayBurner(file.Dataset, decoder) : null;
        if (export && decoder.NumberOfFrames > 1)
        {
            throw new DeidentificationRefusedException("multi-frame-export",
                $"the object has {decoder.NumberOfFrames} frames and png/jpeg export writes one image; use format same or dicom");
        }

        var headerValues = clean ? HeaderTextValues.Collect(file.Dataset, TextCleaningOptions.DefaultMarkers) : [];
        var cleaning = options.ToCleaningOptions();
        var run = new PixelRun { OcrVersion = "tesseract " + _ocr.Version };
        var frames = new List<FramePlanes>(decoder.NumberOfFrames);
        for (var f = 0; f < decoder.NumberOfFrames; f++)
        {
            var clock = Stopwatch.StartNew();
            var frame = decoder.DecodeFrame(f);
            var planes = FramePlanes.Split(frame);
            run.DecodeMs += clock.Elapsed.TotalMilliseconds;
            if (burner is not null && burner.Burn(f, planes) > 0 && clean)
            {
                frame = planes.ToFrame();
            }

            if (clean)
            {
                run.Add(f, CleanFrame(file.Dataset, frame, planes, cleaning, headerValues));
            }

            frames.Add(planes);
        }

        if (clean)
        {
            report.Pixels = BuildPixelReport(options, run);
            report.PixelsCleaned = run.AllClean;
            report.Forced = !run.AllClean;
            if (!run.AllClean)
            {
                report.AddWarning("forced output: verification still found identifying text; the pixels are not claimed clean and BurnedInAnnotation was left as it was");
            }
        }
        else if (export)
        {
            // Written as DICOM, the header run says so itself.
            report.AddWarning(HeaderDeidentifier.PixelsNotCleanedWarning);
        }

        if (burner is { PlaneCount: > 0 })
        {
            report.Overlays = burner.Entries;
            report.AddWarning(string.Create(CultureInfo.InvariantCulture,
                $"{burner.PlaneCount} overlay plane(s) burned into the pixel data, white as displayed, before text cleaning; their 60xx groups were then removed"));
        }

        return frames;
    }

    private const string OverlaysNotBurnedWarning = "overlays could not be burned: the object has no pixel data; their 60xx groups were removed";

    /// <summary>
    /// Monochrome: cleans the stored values, detecting on the display rendering. Colour and palette: detects on the
    /// luminance of the display rendering and paints the same boxes on every sample plane (palette indices get the
    /// most common index around each box, as index values cannot be blended).
    /// </summary>
    private TextCleaningResult CleanFrame(DicomDataset dataset, PixelFrame frame, FramePlanes planes, TextCleaningOptions cleaning, IReadOnlyCollection<string> headerValues)
    {
        if (planes.IsMonochrome)
        {
            var mono = _cleaner.Clean(planes.Planes[0], cleaning with { View = planes.DisplayView(dataset) }, headerValues);
            planes.Planes[0] = mono.Image;
            return mono;
        }

        var luminance = FramePlanes.Luminance(DisplayRenderer.Render(dataset, frame));
        var result = _cleaner.Clean(luminance, cleaning, headerValues);
        var clock = Stopwatch.StartNew();
        var boxes = result.Regions.Where(r => r.Action == RegionAction.Redacted).Select(r => r.PaintedBox!.Value).ToList();
        if (planes.PhotometricInterpretation == "PALETTE COLOR")
        {
            foreach (var box in boxes)
            {
                RegionRedactor.Redact(planes.Planes[0], [box], RedactionMethod.Fill, PaletteFill.MostCommonAround(planes.Planes[0], box));
            }
        }
        else
        {
            foreach (var plane in planes.Planes)
            {
                RegionRedactor.Redact(plane, boxes, cleaning.Redaction, null);
            }
        }

        return result with { Timings = result.Timings with { RedactMs = result.Timings.RedactMs + clock.Elapsed.TotalMilliseconds } };
    }

    /// <summary>Writes cleaned frames back: re-encoded in the input's lossless syntax when we have its encoder, else native explicit VR LE.</summary>
    private static TransferSyntax WritePixels(DicomDataset dataset, List<FramePlanes> frames, TransferSyntax input)
    {
        var first = frames[0];
        var d = first.Description with
        {
            PhotometricInterpretation = first.PhotometricInterpretation,
            PlanarConfiguration = 0,
            HighBit = first.Description.BitsStored - 1,
        };
        dataset.AddOrUpdate(DicomTags.PhotometricInterpretation, DicomVR.CS, d.PhotometricInterpretation);
        if (d.SamplesPerPixel > 1)
        {
            dataset.AddOrUpdate(DicomTags.PlanarConfiguration, DicomVR.US, (ushort)0);
        }

        dataset.AddOrUpdate(DicomTags.HighBit, DicomVR.US, (ushort)d.HighBit);
        dataset.Remove(DicomTags.ExtendedOffsetTable);
        dataset.Remove(DicomTags.ExtendedOffsetTableLengths);
        var encoder = input.Encapsulated && !input.Lossy ? FrameCodecs.GetEncoder(input) : null;
        if (encoder is not null)
        {
            var fragments = frames.Select(f => (ReadOnlyMemory<byte>)encoder.Encode(f.Join(), d)).ToList();
            dataset.AddOrReplace(new DicomFragments(DicomTags.PixelData, DicomVR.OB, ReadOnlyMemory<byte>.Empty, fragments));
            if (d.SamplesPerPixel > 1 && input.Uid == TransferSyntax.RleLosslessUid)
            {
                // RLE codes each colour plane as its own segment; dciodvfy (PS3.5 G.2) expects Planar Configuration 1.
                dataset.AddOrUpdate(DicomTags.PlanarConfiguration, DicomVR.US, (ushort)1);
            }
            return input;
        }

        var frameLength = (int)d.DecodedFrameLength;
        var buffer = new byte[(long)frameLength * frames.Count];
        for (var f = 0; f < frames.Count; f++)
        {
            frames[f].Join().CopyTo(buffer, (long)f * frameLength);
        }

        dataset.AddOrReplace(new DicomValueElement(DicomTags.PixelData, d.BitsAllocated > 8 ? DicomVR.OW : DicomVR.OB, buffer));
        if (input.Lossy)
        {
            // The pixels went through lossy compression once; stay truthful about it.
            dataset.AddOrUpdate(DicomTags.LossyImageCompression, DicomVR.CS, "01");
            if (!dataset.Contains(DicomTags.LossyImageCompressionMethod) && LossyMethod(input) is { } method)
            {
                dataset.AddOrUpdate(DicomTags.LossyImageCompressionMethod, DicomVR.CS, method);
            }
        }

        return TransferSyntax.ExplicitVRLittleEndian;
    }

    private static string? LossyMethod(TransferSyntax syntax) => syntax.Uid switch
    {
        TransferSyntax.JpegBaselineUid or TransferSyntax.JpegExtendedUid or "1.2.840.10008.1.2.4.55" => "ISO_10918_1",
        TransferSyntax.JpegLSNearLosslessUid => "ISO_14495_1",
        TransferSyntax.Jpeg2000Uid or "1.2.840.10008.1.2.4.93" => "ISO_15444_1",
        "1.2.840.10008.1.2.4.203" => "ISO_15444_15",
        _ => null,
    };

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
