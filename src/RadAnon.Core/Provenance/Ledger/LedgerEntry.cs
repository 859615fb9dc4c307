namespace RadAnon.Core.Provenance.Ledger;

/// <summary>
/// What a caller appends: a report (PHI-free, canonical JSON) for one output, and who created it (a keyed id of the
/// API key, or null in open mode). The owner limits search by hash; it is not part of the signed report or the chain.
/// </summary>
public sealed record LedgerAppend(string Id, string OutputSha256, byte[] CanonicalReport, string? Owner = null);

/// <summary>
/// One append-only ledger row. <see cref="EntryHash"/> covers the previous entry's hash, so the rows form a
/// hash chain: changing or removing any row breaks every later link.
/// </summary>
public sealed record LedgerEntry
{
    public required long Sequence { get; init; }

    public required string Id { get; init; }

    public required DateTimeOffset CreatedUtc { get; init; }

    public required string OutputSha256 { get; init; }

    public required string ReportSha256 { get; init; }

    public required string PreviousHash { get; init; }

    public required string EntryHash { get; init; }

    /// <summary>ECDSA P-256 signature (base64url) of the canonical report bytes.</summary>
    public required string Signature { get; init; }

    public required string KeyId { get; init; }

    public required string ReportJson { get; init; }

    /// <summary>The keyed id of the API key that created the entry; null in open mode and for entries older than schema 2.</summary>
    public string? Owner { get; init; }
}
