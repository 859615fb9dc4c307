namespace RadAnon.Cli.Batch;

internal enum ItemStatus
{
    Anonymized,
    Skipped,
    Failed,
}

/// <summary>What happened to one input: sizes and region counts when anonymized, the problem type when failed.</summary>
internal sealed record ItemOutcome(ItemStatus Status, long BytesRead = 0, long BytesWritten = 0, int RegionsDetected = 0, int RegionsRedacted = 0,
    string? FailureType = null, string? FailureMessage = null)
{
    public static readonly ItemOutcome Skipped = new(ItemStatus.Skipped);

    /// <summary>A short PHI-free word for progress lines: ok, skipped, or failed (type).</summary>
    public string Describe() => Status switch
    {
        ItemStatus.Anonymized => "ok",
        ItemStatus.Skipped => "skipped",
        _ => $"failed ({FailureType})",
    };
}
