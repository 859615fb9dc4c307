namespace RadAnon.Core.Provenance.Ledger;

/// <summary>PostgreSQL when a connection string is configured, otherwise SQLite under the data directory.</summary>
public static class LedgerFactory
{
    public static AdoLedger Create(string? postgresConnectionString, string dataDirectory, ReportSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return string.IsNullOrWhiteSpace(postgresConnectionString)
            ? new SqliteLedger(Path.Combine(dataDirectory, "ledger.db"), signer)
            : new PostgresLedger(postgresConnectionString, signer);
    }
}
