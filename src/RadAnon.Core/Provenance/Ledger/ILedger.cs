namespace RadAnon.Core.Provenance.Ledger;

/// <summary>
/// The append-only provenance ledger (SQLite embedded, PostgreSQL when configured). Appends are serialised
/// across processes, so concurrent replicas keep one linear chain. It stores reports only, never images.
/// </summary>
public interface ILedger : IAsyncDisposable
{
    /// <summary>"sqlite" or "postgresql", for health output and logs.</summary>
    string Provider { get; }

    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Signs and appends one report; throws <see cref="LedgerUnavailableException"/> when the store is unreachable.</summary>
    Task<LedgerEntry> AppendAsync(LedgerAppend append, CancellationToken cancellationToken);

    Task<LedgerEntry?> GetAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<LedgerEntry>> FindByOutputAsync(string outputSha256, CancellationToken cancellationToken);

    /// <summary>Entries for an output hash created by <paramref name="owner"/> only (search by a non-admin key).</summary>
    Task<IReadOnlyList<LedgerEntry>> FindByOutputAsync(string outputSha256, string owner, CancellationToken cancellationToken);

    /// <summary>Every entry in sequence order, streamed.</summary>
    IAsyncEnumerable<LedgerEntry> ReadAllAsync(CancellationToken cancellationToken);

    Task<long> CountAsync(CancellationToken cancellationToken);

    /// <summary>True when the store answers a trivial query.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken);
}
