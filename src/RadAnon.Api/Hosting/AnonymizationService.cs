using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using RadAnon.Api.Requests;
using RadAnon.Core;
using RadAnon.Core.Profiles;
using RadAnon.Core.Provenance;
using RadAnon.Core.Provenance.Ledger;

namespace RadAnon.Api.Hosting;

/// <summary>An output ready to return: its bytes, type, download name, and the ledger entry that records it.</summary>
public sealed record RecordedOutput(byte[] Content, string MediaType, string FileName, LedgerEntry Entry);

/// <summary>
/// The host's side of one request: run the pipeline on a pixel worker, record the report in the ledger, and only
/// then hand the output back. If the ledger cannot record it, the output is dropped (fail closed).
/// </summary>
public sealed class AnonymizationService
{
    private readonly Anonymizer _anonymizer;
    private readonly PixelJobGate _gate;
    private readonly ILedger _ledger;
    private readonly ReportSigner _signer;
    private readonly PseudonymKeySource _keys;
    private readonly RadAnonMetrics _metrics;
    private readonly ILogger<AnonymizationService> _logger;

    public AnonymizationService(Anonymizer anonymizer, PixelJobGate gate, ILedger ledger, ReportSigner signer, PseudonymKeySource keys,
        RadAnonMetrics metrics, ILogger<AnonymizationService> logger)
    {
        _anonymizer = anonymizer;
        _gate = gate;
        _ledger = ledger;
        _signer = signer;
        _keys = keys;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>
    /// The marker embedded in outputs: the report id and the first 12 hex digits of the signing key's id, nothing else
    /// (53 characters, the most a DICOM LO value holds after its prefix).
    /// </summary>
    public string MarkerFor(string reportId) => $"radanon:{reportId}:{_signer.KeyId[..12]}";

    public Task<RecordedOutput> AnonymizeAsync(ImageUpload upload, CancellationToken cancellationToken) =>
        AnonymizeAsync(upload, _keys.ForRequest(), cancellationToken);

    /// <summary>One output under a given key: a batch passes the same key for every entry, so its UIDs agree.</summary>
    public async Task<RecordedOutput> AnonymizeAsync(ImageUpload upload, PseudonymKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(key);
        var started = Stopwatch.StartNew();
        var reportId = Guid.CreateVersion7().ToString("n");
        var result = await _gate.RunAsync(() => _anonymizer.Anonymize(upload.Content, upload.Options, key, MarkerFor(reportId)), cancellationToken).ConfigureAwait(false);
        var entry = await RecordAsync(reportId, result, upload.Owner, cancellationToken).ConfigureAwait(false);
        var redacted = result.Report.Pixels?.Counts.Redacted ?? 0;
        _metrics.Output(result.Report.InputKind, redacted, started.Elapsed.TotalMilliseconds);
        Log.Anonymized(_logger, result.Report.InputKind, upload.Content.Length, result.Output.Length, started.ElapsedMilliseconds, reportId, entry.OutputSha256);
        var fileName = $"radanon-{reportId[..12]}.{result.FileExtension.TrimStart('.')}";
        return new RecordedOutput(result.Output, result.MediaType, fileName, entry);
    }

    public async Task<AnalysisResult> AnalyzeAsync(ImageUpload upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var started = Stopwatch.StartNew();
        var key = _keys.ForRequest();
        var analysis = await _gate.RunAsync(() => _anonymizer.Analyze(upload.Content, upload.Options, key), cancellationToken).ConfigureAwait(false);
        Log.Analyzed(_logger, upload.Content.Length, started.ElapsedMilliseconds, analysis.Regions.Count);
        return analysis;
    }

    private async Task<LedgerEntry> RecordAsync(string reportId, AnonymizeResult result, string? owner, CancellationToken cancellationToken)
    {
        var outputSha = Convert.ToHexStringLower(SHA256.HashData(result.Output));
        var report = JsonNode.Parse(ProvenanceJson.Serialize(result.Report))!.AsObject();
        report["reportId"] = reportId;
        report["outputSha256"] = outputSha;
        report["marker"] = MarkerFor(reportId);
        var canonical = CanonicalJson.ToBytes(report);
        return await _ledger.AppendAsync(new LedgerAppend(reportId, outputSha, canonical, owner), cancellationToken).ConfigureAwait(false);
    }
}
