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

namespace RadAnon.Core;

// The DICOM pipeline's pixel side: limits, decoding and cleaning every frame, writing the pixels back.
public sealed partial class Anonymizer
{
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
        var cleaning = CallerRegions.For(options, decoder.Description.Columns, decoder.Description.Rows);
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
                var (result, audit) = CleanFrame(file.Dataset, frame, planes, cleaning, headerValues);
                run.Add(f, result, audit);
            }

            frames.Add(planes);
        }

        if (clean)
        {
            report.Pixels = BuildPixelReport(options, run);
            RecordCleanliness(report, run, dicom: true);
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
    private (TextCleaningResult Result, VetoAudit Audit) CleanFrame(
        DicomDataset dataset, PixelFrame frame, FramePlanes planes, TextCleaningOptions cleaning, IReadOnlyCollection<string> headerValues)
    {
        if (planes.IsMonochrome)
        {
            var view = planes.DisplayView(dataset);
            var mono = _cleaner.Clean(planes.Planes[0], cleaning with { View = view }, headerValues);
            planes.Planes[0] = mono.Image;
            return (mono, AuditVetoes(mono, view, cleaning, headerValues));
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

        var audit = AuditVetoes(result, image => image.To8BitView(), cleaning, headerValues);
        return (result with { Timings = result.Timings with { RedactMs = result.Timings.RedactMs + clock.Elapsed.TotalMilliseconds } }, audit);
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
}
