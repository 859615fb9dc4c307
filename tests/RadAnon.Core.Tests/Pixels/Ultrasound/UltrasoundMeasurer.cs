using RadAnon.Core.Ocr;
using RadAnon.Core.Pixels.Text;
using RadAnon.Core.Profiles;
using RadAnon.Dicom;
using RadAnon.Dicom.Pixels;

namespace RadAnon.Core.Tests.Pixels.Ultrasound;

/// <summary>What the engine did to one annotated file, every frame compared (see <see cref="FrameComparison"/>).</summary>
public sealed record UltrasoundResult(
    string Path,
    int Frames,
    int IdentifyingTotal,
    int IdentifyingRemoved,
    IReadOnlyList<string> IdentifyingKept,
    double CollateralPercent,
    IReadOnlyDictionary<string, long> ProtectedPainted,
    int MarkersTotal,
    int MarkersChanged,
    int RegionsRedacted,
    bool Refused)
{
    public long ProtectedPaintedTotal => ProtectedPainted.Values.Sum();
}

/// <summary>The anonymized file beside its input, for pictures; frame 0 only.</summary>
public sealed record UltrasoundRun(UltrasoundResult Result, DicomFile Input, PixelFrame Before, DicomFile Output, PixelFrame After, FrameComparison First);

/// <summary>
/// Runs the engine as the CLI does (<see cref="Anonymizer"/>, default <see cref="AnonymizeOptions"/>, the output
/// written in the input's container) on one corpus file and compares every decoded frame of the output with the
/// input's. When verification refuses the output (<see cref="ResidualTextException"/>, fail closed) the file is run
/// again with <see cref="AnonymizeOptions.Force"/> so its pixels can still be judged, and the result says so.
/// </summary>
public sealed class UltrasoundMeasurer(IOcr ocr)
{
    private static readonly PseudonymKey Key = PseudonymKey.FromText("ultrasound measurement key 0123456789");
    private readonly Anonymizer _anonymizer = new(ocr);

    public UltrasoundRun Measure(string path, string fullPath, IReadOnlyList<AnnotatedBox> boxes)
    {
        ArgumentNullException.ThrowIfNull(boxes);
        var input = File.ReadAllBytes(fullPath);
        var (output, redacted, refused) = Anonymize(input);
        var inFile = DicomFile.Read(input);
        var outFile = DicomFile.Read(output);
        var inDecoder = new PixelDataDecoder(inFile);
        var outDecoder = new PixelDataDecoder(outFile);
        if (inDecoder.NumberOfFrames != outDecoder.NumberOfFrames)
        {
            throw new InvalidDataException($"{path}: {outDecoder.NumberOfFrames} frames out of {inDecoder.NumberOfFrames}");
        }

        var comparisons = new List<FrameComparison>();
        PixelFrame? before0 = null, after0 = null;
        for (var f = 0; f < inDecoder.NumberOfFrames; f++)
        {
            var before = inDecoder.DecodeFrame(f);
            var after = outDecoder.DecodeFrame(f);
            comparisons.Add(FrameComparison.Compare(before, after, f, boxes));
            (before0, after0) = f == 0 ? (before, after) : (before0, after0);
        }

        var result = Summarize(path, boxes, comparisons, redacted, refused);
        return new UltrasoundRun(result, inFile, before0!, outFile, after0!, comparisons[0]);
    }

    private (byte[] Output, int Redacted, bool Refused) Anonymize(byte[] input)
    {
        try
        {
            var result = _anonymizer.Anonymize(input, new AnonymizeOptions(), Key);
            return (result.Output, result.Report.Pixels?.Counts.Redacted ?? 0, false);
        }
        catch (ResidualTextException)
        {
            var forced = _anonymizer.Anonymize(input, new AnonymizeOptions { Force = true }, Key);
            return (forced.Output, forced.Report.Pixels?.Counts.Redacted ?? 0, true);
        }
    }

    private static UltrasoundResult Summarize(string path, IReadOnlyList<AnnotatedBox> boxes, List<FrameComparison> frames, int redacted, bool refused)
    {
        var identifying = boxes.Where(b => b.Kind == AnnotationKinds.Identifying).ToList();
        var kept = new List<string>();
        for (var i = 0; i < identifying.Count; i++)
        {
            // A box is removed only when it is removed on every frame it applies to.
            var keptOn = Enumerable.Range(0, frames.Count).Where(f => identifying[i].AppliesTo(f)
                && frames[f].IdentifyingInkChanged[IndexAmongApplying(identifying, i, f)] < FrameComparison.RemovedInkFraction).ToList();
            if (keptOn.Count > 0)
            {
                var b = identifying[i].Box;
                kept.Add(FormattableString.Invariant($"({b.X},{b.Y} {b.Width}x{b.Height}) on frame {string.Join("/", keptOn)}"));
            }
        }

        var painted = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (kind, count) in frames.SelectMany(c => c.ProtectedChanged))
        {
            painted[kind] = painted.GetValueOrDefault(kind) + count;
        }

        return new UltrasoundResult(path, frames.Count, identifying.Count, identifying.Count - kept.Count, kept,
            frames.Max(c => c.CollateralPercent), painted, boxes.Count(b => b.Kind == AnnotationKinds.Marker),
            frames.Max(c => c.MarkersChanged), redacted, refused);
    }

    /// <summary>Position of identifying box <paramref name="i"/> among those that apply to <paramref name="frame"/>.</summary>
    private static int IndexAmongApplying(List<AnnotatedBox> identifying, int i, int frame) =>
        identifying.Take(i).Count(b => b.AppliesTo(frame));
}
