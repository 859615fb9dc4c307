using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using RadAnon.Api.Endpoints;
using RadAnon.Api.Problems;
using RadAnon.Api.Requests;
using RadAnon.Core.Batches;

namespace RadAnon.Api.Hosting;

/// <summary>A batch whose archive passed inspection: the spool, its read view and the plan. Disposal deletes the spool.</summary>
public sealed class PreparedBatch : IAsyncDisposable
{
    internal PreparedBatch(BatchUpload upload, Stream archive, ArchivePlan plan)
    {
        Upload = upload;
        Archive = archive;
        Plan = plan;
    }

    public BatchUpload Upload { get; }

    public ArchivePlan Plan { get; }

    private Stream Archive { get; }

    public async ValueTask DisposeAsync()
    {
        Plan.Dispose();
        await Archive.DisposeAsync().ConfigureAwait(false);
        await Upload.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>One line of failures.json: the entry's path as uploaded (returned only to the uploader), the problem type and its PHI-free detail.</summary>
public sealed record BatchFailure(string Path, string Type, string Detail);

/// <summary>summary.json: counts, bytes and time of one batch.</summary>
public sealed record BatchSummary(int Entries, int Anonymized, int Failed, int Folders, int Skipped, long ArchiveBytes, long InputBytes,
    long OutputBytes, long ElapsedMs, string Profile, string Key);

/// <summary>
/// POST /anonymize/batch behind the endpoint. <see cref="Prepare"/> judges the whole central directory while a problem
/// response is still possible; <see cref="WriteAsync"/> then streams the output ZIP straight to the response, one
/// entry at a time through the pixel gate, so memory holds one input and one output, never the batch. All entries share
/// one pseudonym key (the project key, or one ephemeral key for the batch) so UIDs of a study agree. A failing entry
/// goes to failures.json and the batch goes on; a client that disconnects stops it.
/// </summary>
public sealed class BatchService
{
    private readonly AnonymizationService _service;
    private readonly PseudonymKeySource _keys;
    private readonly LimitSettings _limits;
    private readonly ILogger<BatchService> _logger;

    public BatchService(AnonymizationService service, PseudonymKeySource keys, LimitSettings limits, ILogger<BatchService> logger)
    {
        _service = service;
        _keys = keys;
        _limits = limits;
        _logger = logger;
    }

    /// <summary>Inspects the spooled archive; throws the problem (415, 413, 422) before any response byte is sent.</summary>
    public PreparedBatch Prepare(BatchUpload upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var archive = upload.Spool.OpenRead();
        try
        {
            Span<byte> head = stackalloc byte[4];
            if (archive.ReadAtLeast(head, 4, throwOnEndOfStream: false) < 4 || !ArchiveInspector.LooksLikeZip(head))
            {
                throw new ApiProblemException(ProblemTypes.UnsupportedMediaType, "the body is not a ZIP archive (checked by its leading bytes); send a .zip of DICOM, PNG or JPEG files");
            }

            var plan = ArchiveInspector.Open(archive, _limits.BatchLimits);
            Log.BatchAccepted(_logger, upload.Spool.Length, plan.Entries.Count, plan.Folders, plan.Litter, plan.DeclaredBytes);
            return new PreparedBatch(upload, archive, plan);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    public async Task WriteAsync(PreparedBatch batch, Stream output, long startedTimestamp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var key = _keys.ForRequest();
        var names = new BatchOutputNames();
        var failures = new List<BatchFailure>();
        int anonymized = 0;
        long inputBytes = 0, outputBytes = 0;
        var body = new AsyncOnlyWriteStream(output);
        await using var bodyOwner = body.ConfigureAwait(false);
        try
        {
            var zip = await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken).ConfigureAwait(false);
            await using (zip.ConfigureAwait(false))
            {
                foreach (var entry in batch.Plan.Entries)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (await AnonymizeEntryAsync(entry, batch.Upload, key, failures, cancellationToken).ConfigureAwait(false) is not { } recorded)
                    {
                        continue;
                    }

                    var (outputName, reportName) = names.Reserve(entry.Path, Path.GetExtension(recorded.Output.FileName));
                    var level = recorded.Output.MediaType == "application/dicom" ? CompressionLevel.Fastest : CompressionLevel.NoCompression;
                    await WriteEntryAsync(zip, outputName, recorded.Output.Content, level, cancellationToken).ConfigureAwait(false);
                    var report = JsonSerializer.SerializeToUtf8Bytes(ReportEnvelope.From(recorded.Output.Entry), ApiJson.Indented);
                    await WriteEntryAsync(zip, reportName, report, CompressionLevel.Optimal, cancellationToken).ConfigureAwait(false);
                    await body.DrainAsync(cancellationToken).ConfigureAwait(false);
                    anonymized++;
                    inputBytes += recorded.InputBytes;
                    outputBytes += recorded.Output.Content.Length;
                }

                var elapsed = (long)Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds;
                var summary = new BatchSummary(batch.Plan.Entries.Count, anonymized, failures.Count, batch.Plan.Folders, batch.Plan.Litter,
                    batch.Upload.Spool.Length, inputBytes, outputBytes, elapsed, batch.Upload.Options.Profile, key.IsEphemeral ? "ephemeral" : "project");
                await WriteEntryAsync(zip, BatchOutputNames.Failures, JsonSerializer.SerializeToUtf8Bytes(failures, ApiJson.Indented), CompressionLevel.Optimal, cancellationToken).ConfigureAwait(false);
                await WriteEntryAsync(zip, BatchOutputNames.Summary, JsonSerializer.SerializeToUtf8Bytes(summary, ApiJson.Indented), CompressionLevel.Optimal, cancellationToken).ConfigureAwait(false);
                Log.BatchCompleted(_logger, anonymized, failures.Count, inputBytes, outputBytes, elapsed);
            }

            await body.DrainAsync(cancellationToken).ConfigureAwait(false); // the central directory
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.BatchCancelled(_logger, anonymized, (long)Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds);
            throw;
        }
    }

    /// <summary>One entry read (size-enforced), sniffed and anonymized; null with a failure recorded when it cannot be.</summary>
    private async Task<(RecordedOutput Output, long InputBytes)?> AnonymizeEntryAsync(BatchEntry entry, BatchUpload batch, Core.Profiles.PseudonymKey key,
        List<BatchFailure> failures, CancellationToken cancellationToken)
    {
        try
        {
            var content = await ArchiveInspector.ReadEntryAsync(entry, cancellationToken).ConfigureAwait(false);
            if (ArchiveInspector.LooksLikeZip(content))
            {
                throw new ApiProblemException(ProblemTypes.UnsupportedMediaType, $"entry {entry.Index} is itself a ZIP archive; nested archives are not opened, unpack them into folders");
            }

            var upload = new ImageUpload(content, ImageUploadReader.Sniff(content), batch.Options, batch.Owner);
            var output = await _service.AnonymizeAsync(upload, key, cancellationToken).ConfigureAwait(false);
            return (output, content.Length);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var (type, detail, _) = ProblemMapper.Classify(ex);
            if (type == ProblemTypes.Internal)
            {
                Log.UnexpectedFailure(_logger, ex.GetType().Name);
            }

            Log.BatchEntryFailed(_logger, entry.Index, type);
            failures.Add(new BatchFailure(entry.Path, type, detail));
            return null;
        }
    }

    private static async Task WriteEntryAsync(ZipArchive archive, string name, byte[] content, CompressionLevel level, CancellationToken cancellationToken)
    {
        var entry = archive.CreateEntry(name, level);
        var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
        }
    }
}
