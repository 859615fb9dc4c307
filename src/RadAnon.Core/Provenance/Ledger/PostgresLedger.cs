using System.Data.Common;
using Npgsql;

namespace RadAnon.Core.Provenance.Ledger;

/// <summary>
/// The shared ledger for replicas: PostgreSQL, appends serialised by a transaction-scoped advisory lock so that
/// every replica extends the same linear chain.
/// </summary>
public sealed class PostgresLedger : AdoLedger
{
    /// <summary>An arbitrary constant naming RadAnon's append lock.</summary>
    private const long AppendLockKey = 0x52_41_44_41_4E_4F_4E;

    private readonly NpgsqlDataSource _dataSource;

    public PostgresLedger(string connectionString, ReportSigner signer)
        : base(signer)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public override string Provider => "postgresql";

    protected override string BigIntegerType => "BIGINT";

    public override async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override async Task<DbTransaction> BeginSerialisedAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT pg_advisory_xact_lock(" + AppendLockKey + ")";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return transaction;
    }
}
