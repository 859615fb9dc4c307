namespace RadAnon.Api;

/// <summary>
/// Every log line the API writes. Only sizes, durations, hashes, counts and problem types: never a value read
/// from a patient's file or pixels, never a file name a client sent.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "anonymized {InputKind} {InputBytes} B -> {OutputBytes} B in {ElapsedMs} ms, report {ReportId}, output sha256 {OutputSha256}")]
    public static partial void Anonymized(ILogger logger, string inputKind, long inputBytes, long outputBytes, long elapsedMs, string reportId, string outputSha256);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "analyzed {InputBytes} B in {ElapsedMs} ms: {RegionCount} regions")]
    public static partial void Analyzed(ILogger logger, long inputBytes, long elapsedMs, int regionCount);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "request refused: {ProblemType} ({Status})")]
    public static partial void RequestRefused(ILogger logger, string problemType, int status);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "unexpected failure of type {ExceptionType}; no output was produced")]
    public static partial void UnexpectedFailure(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "ledger {Provider} ready with {Entries} entries; signing key {KeyId}")]
    public static partial void LedgerReady(ILogger logger, string provider, long entries, string keyId);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "ledger {Provider} unreachable at start-up; requests are refused with 503 until it answers")]
    public static partial void LedgerUnreachableAtStart(ILogger logger, string provider);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "verify: sha256 {Sha256} matched {Matches} ledger entries")]
    public static partial void Verified(ILogger logger, string sha256, int matches);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "batch accepted: {ArchiveBytes} B archive, {Entries} entries to process ({Folders} folders, {Litter} skipped), {DeclaredBytes} B declared")]
    public static partial void BatchAccepted(ILogger logger, long archiveBytes, int entries, int folders, int litter, long declaredBytes);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "batch entry {EntryIndex} failed: {ProblemType}")]
    public static partial void BatchEntryFailed(ILogger logger, int entryIndex, string problemType);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Information, Message = "batch done: {Anonymized} anonymized, {Failed} failed, {InputBytes} B in -> {OutputBytes} B out in {ElapsedMs} ms")]
    public static partial void BatchCompleted(ILogger logger, int anonymized, int failed, long inputBytes, long outputBytes, long elapsedMs);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning, Message = "batch cancelled by the client after {Anonymized} outputs in {ElapsedMs} ms")]
    public static partial void BatchCancelled(ILogger logger, int anonymized, long elapsedMs);

    [LoggerMessage(EventId = 1040, Level = LogLevel.Information, Message = "text detector model loaded and warmed in {ElapsedMs} ms")]
    public static partial void TextModelWarmed(ILogger logger, long elapsedMs);

    [LoggerMessage(EventId = 1041, Level = LogLevel.Warning, Message = "text detector model unavailable at start; pixel cleaning will fail closed until it is installed: {Reason}")]
    public static partial void TextModelUnavailable(ILogger logger, string reason);
}
