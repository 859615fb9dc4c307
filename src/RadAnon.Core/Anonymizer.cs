using System.Diagnostics;
using System.Security.Cryptography;
using RadAnon.Core.Diagnostics;
using RadAnon.Core.Ocr;
using RadAnon.Core.Pixels.Text;
using RadAnon.Core.Pixels.Text.Learned;
using RadAnon.Core.Profiles;
using RadAnon.Core.Provenance;
using RadAnon.Core.Raster;

namespace RadAnon.Core;

/// <summary>
/// The one pipeline entry point the API and the CLI host. DICOM: header de-identification by the profile, then (when
/// the profile asks for Clean Pixel Data) every frame decoded, burned-in text found, removed and verified, pixels
/// written back losslessly. PNG/JPEG: pixels cleaned the same way and re-encoded with no metadata. Every output gets a
/// PHI-free <see cref="AnonymizationReport"/>. Fails closed: a frame that cannot be decoded, text still readable after
/// redaction (unless forced) or a missing OCR engine throws, and nothing is returned.
/// </summary>
public sealed partial class Anonymizer
{
    private readonly IOcr _ocr;
    private readonly BurnedInTextCleaner _cleaner;
    private readonly ProfileConfiguration _profiles;
    private readonly AnonymizerLimits _limits;

    /// <param name="learned">The learned text detector; by default the installed model, loaded on first use.</param>
    public Anonymizer(IOcr ocr, ProfileConfiguration? profiles = null, AnonymizerLimits? limits = null, ILearnedTextDetector? learned = null)
    {
        ArgumentNullException.ThrowIfNull(ocr);
        _ocr = ocr;
        _cleaner = new BurnedInTextCleaner(ocr, learned);
        _profiles = profiles ?? ProfileConfiguration.Default;
        _limits = limits ?? AnonymizerLimits.Default;
    }

    /// <summary>The deployment's secret for the keyed input hash in reports; a process-only key by default (the CLI).</summary>
    public ReportKey ReportKey { get; init; } = ReportKey.CreateEphemeral();

    /// <summary>Where to add per-stage wall and CPU time (parse, de-identify, serialize, hashes); null measures nothing.</summary>
    public PipelineTimings? Timings { get; init; }

    /// <summary>Anonymizes one DICOM, PNG or JPEG object (recognised by its bytes, never by name).</summary>
    /// <param name="provenanceMarker">Report id and hash from the host, written once into the output; see <see cref="ProvenanceMarker"/>.</param>
    public AnonymizeResult Anonymize(ReadOnlyMemory<byte> input, AnonymizeOptions options, PseudonymKey key, string? provenanceMarker = null)
    {
        using var buffer = new MemoryStream(input.Length + 4096);
        var written = AnonymizeTo(input, buffer, options, key, provenanceMarker);
        return new AnonymizeResult(buffer.ToArray(), written.MediaType, written.FileExtension, written.Report);
    }

    /// <summary>
    /// Anonymizes one object like <see cref="Anonymize"/>, streaming the output into <paramref name="destination"/> and
    /// hashing it on the way (no second pass over the output, no in-memory copy of it: a native pixel value the header
    /// profile leaves alone is written straight from <paramref name="input"/>). Every refusal happens before the first
    /// byte is written; an I/O failure while writing leaves a partial destination that the caller must discard.
    /// </summary>
    public AnonymizedOutput AnonymizeTo(ReadOnlyMemory<byte> input, Stream destination, AnonymizeOptions options, PseudonymKey key, string? provenanceMarker = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(key);
        options.Validate();
        if (provenanceMarker is not null)
        {
            ProvenanceMarker.Validate(provenanceMarker);
        }

        var profile = Profile(options);
        var clock = Stopwatch.StartNew();
        using var pending = RasterFormatDetector.Detect(input.Span) is { } raster
            ? AnonymizeRaster(input, raster, options, profile, provenanceMarker)
            : AnonymizeDicom(input, options, profile, key, provenanceMarker);
        var report = pending.Report;
        if (report.Output.Width != report.Input.Width || report.Output.Height != report.Input.Height)
        {
            throw new InvalidOperationException("output geometry differs from the input's; refusing the output");
        }

        using var hashing = new Sha256WriteStream(destination, Timings);
        using (StageScope.Start(Timings, "serialize+write"))
        {
            pending.WriteTo(hashing);
            hashing.Flush();
        }

        report.OutputSha256 = hashing.FinishHash();
        if (report.Header is { } header)
        {
            header.OutputSha256 = report.OutputSha256;
        }

        if (report.Pixels is { } pixels)
        {
            report.Pixels = pixels with { Timings = pixels.Timings with { TotalMs = Math.Round(clock.Elapsed.TotalMilliseconds, 1) } };
        }

        return new AnonymizedOutput(pending.MediaType, pending.FileExtension, report, hashing.Length);
    }

    /// <summary>
    /// What <see cref="Anonymize"/> would do, writing nothing: the header actions, the regions detected (with categories
    /// and actions, no verification) and a PNG preview of the input rendered for display, long side at most
    /// <see cref="AnonymizerLimits.PreviewSize"/>, with its scale factor (preview pixels per image pixel).
    /// </summary>
    public AnalysisResult Analyze(ReadOnlyMemory<byte> input, AnonymizeOptions options, PseudonymKey key)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(key);
        options.Validate();
        var profile = Profile(options);
        return RasterFormatDetector.Detect(input.Span) is { } raster
            ? AnalyzeRaster(input, raster, options, profile)
            : AnalyzeDicom(input, options, profile, key);
    }

    private DeidentificationProfile Profile(AnonymizeOptions options)
    {
        if (!_profiles.Profiles.TryGetValue(options.Profile, out var profile))
        {
            throw new InvalidOptionsException("profile",
                $"unknown profile '{options.Profile}'; known: {string.Join(", ", _profiles.Profiles.Keys.Order(StringComparer.Ordinal))}");
        }

        // burnOverlays on the request turns the profile's switch on for this call (it never turns it off).
        return options.BurnOverlays && !profile.BurnOverlays ? profile.With(burnOverlays: true) : profile;
    }

    private static bool CleansPixels(DeidentificationProfile profile) => profile.Has(ProfileOption.CleanPixelData);

    private static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private void StampInputHash(AnonymizationReport report, ReadOnlySpan<byte> input)
    {
        report.InputHmacSha256 = ReportKey.HashInput(input);
        report.InputKeyId = ReportKey.KeyId;
    }

    private static PixelReport BuildPixelReport(AnonymizeOptions options, PixelRun run) => new()
    {
        Redaction = RegionReport.Name(options.Redact),
        Markers = RegionReport.Name(options.Markers),
        Text = RegionReport.Name(options.Text),
        Regions = run.Regions,
        Counts = new RegionCounts(
            run.Regions.Count(r => r.Category != "caller-region"),
            run.Regions.Count(r => r.Action == "redacted"),
            run.Regions.Count(r => r.Category == "marker-kept"),
            run.Regions.Count(r => r.Action != "redacted" && r.Category is not ("marker-kept" or "marker")),
            run.Regions.Count(r => r.Category == "unreadable"),
            run.Regions.Count(r => r.Action == "vetoed"),
            run.Regions.Count(r => r.Category == "caller-region")),
        Verification = new VerificationReport(run.VerificationMethod, run.Verified, run.Residual > 0, run.Residual),
        VetoedIdentifying = new VetoReport(run.VetoedIdentifying.Count, run.VetoedIdentifying, run.VetoResidual, run.VetoUnverified),
        OcrEngine = run.OcrVersion,
        TextDetector = run.TextDetector,
        Timings = new TimingReport(R(run.DecodeMs), R(run.DetectMs), R(run.OcrMs), R(run.RedactMs), R(run.VerifyMs), R(run.EncodeMs), 0),
    };

    private static double R(double ms) => Math.Round(ms, 1);

    /// <summary>Region reports, verification and timings gathered over the frames of one object.</summary>
    private sealed class PixelRun
    {
        public List<RegionReport> Regions { get; } = [];

        public bool Verified { get; private set; } = true;

        public int Residual { get; private set; }

        /// <summary>True only when verification passed and no veto kept identifying text.</summary>
        public bool AllClean { get; private set; } = true;

        public List<VetoedRegion> VetoedIdentifying { get; } = [];

        /// <summary>Identifying words read inside vetoed regions the engine had judged not identifying.</summary>
        public int VetoResidual { get; private set; }

        /// <summary>Vetoed regions judged not identifying that could not be read again (not verified).</summary>
        public int VetoUnverified { get; private set; }

        public string VerificationMethod { get; private set; } = "none";

        public string OcrVersion { get; init; } = string.Empty;

        public string TextDetector { get; private set; } = string.Empty;

        public double DecodeMs { get; set; }

        public double DetectMs { get; private set; }

        public double OcrMs { get; private set; }

        public double RedactMs { get; set; }

        public double VerifyMs { get; private set; }

        public double EncodeMs { get; set; }

        public void Add(int frame, TextCleaningResult result, VetoAudit audit)
        {
            Regions.AddRange(result.Regions.Select(r => RegionReport.From(frame, r)));
            Verified &= result.Verification.Performed;
            Residual += result.Verification.ResidualRegionCount;
            var vetoed = VetoedIdentifying.Count;
            VetoedIdentifying.AddRange(Anonymizer.VetoedIdentifying(frame, result));
            VetoResidual += audit.ResidualWords;
            VetoUnverified += audit.Unverified;
            AllClean &= result.IsClean && VetoedIdentifying.Count == vetoed && audit == VetoAudit.None;
            VerificationMethod = result.Verification.Method;
            TextDetector = result.TextDetector;
            DetectMs += result.Timings.DetectMs;
            OcrMs += result.Timings.OcrMs;
            RedactMs += result.Timings.RedactMs;
            VerifyMs += result.Timings.VerifyMs;
        }
    }
}

/// <summary>The anonymized bytes, their media type and file extension (with dot), and the report.</summary>
public sealed record AnonymizeResult(byte[] Output, string MediaType, string FileExtension, AnonymizationReport Report);

/// <summary>What <see cref="Anonymizer.AnonymizeTo"/> wrote: media type, file extension (with dot), the report (with the output's SHA-256) and the length.</summary>
public sealed record AnonymizedOutput(string MediaType, string FileExtension, AnonymizationReport Report, long Length);

/// <summary>
/// One call's output before it is written: encoded bytes (PNG, JPEG), or a DICOM file to serialize whose unchanged
/// values may still point into the input's memory. Owns (and disposes) that file.
/// </summary>
internal sealed class PendingOutput(string mediaType, string fileExtension, AnonymizationReport report) : IDisposable
{
    public string MediaType => mediaType;

    public string FileExtension => fileExtension;

    public AnonymizationReport Report => report;

    public byte[]? Bytes { get; init; }

    public RadAnon.Dicom.DicomFile? File { get; init; }

    public RadAnon.Dicom.Writing.DicomWriteOptions? WriteOptions { get; init; }

    /// <summary>A parsed input that must outlive the write (its values are slices of it), disposed with this.</summary>
    public IDisposable? Source { get; set; }

    public void WriteTo(Stream destination)
    {
        if (Bytes is not null)
        {
            destination.Write(Bytes);
        }
        else
        {
            File!.Save(destination, WriteOptions);
        }
    }

    public void Dispose()
    {
        File?.Dispose();
        Source?.Dispose();
    }
}

/// <summary>
/// What <see cref="Anonymizer.Analyze"/> found, nothing written: header actions, detected regions in image coordinates,
/// and a display preview PNG of the input scaled by <see cref="PreviewScale"/> (preview pixels per image pixel).
/// </summary>
public sealed record AnalysisResult(
    string InputKind,
    ImageGeometry Input,
    IReadOnlyList<ElementAction> HeaderActions,
    IReadOnlyList<RegionReport> Regions,
    byte[]? PreviewPng,
    double PreviewScale,
    IReadOnlyList<string> Warnings);
