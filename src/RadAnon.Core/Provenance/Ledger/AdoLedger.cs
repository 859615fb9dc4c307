using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace RadAnon.Core.Provenance.Ledger;

/// <summary>
/// The ledger logic over ADO.NET, shared by SQLite and PostgreSQL; a store supplies connections, its schema and
/// how it serialises appends (SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction-scoped advisory lock).
/// </summary>
public abstract class AdoLedger : ILedger
{
    private const string Columns = "seq, id, created_utc, output_sha256, report_sha256, previous_hash, entry_hash, signature, key_id, report_json, owner";

    private readonly ReportSigner _signer;
    private volatile bool _migrated;

    protected AdoLedger(ReportSigner signer)
    {
        _signer = signer;
    }

    public abstract string Provider { get; }

    /// <summary>The store's 64-bit integer column type (the only difference between the two schemas).</summary>
    protected abstract string BigIntegerType { get; }

    /// <summary>Ordered migration scripts, the same for every store; index + 1 is the schema version.</summary>
    private IReadOnlyList<string> Migrations =>
    [
        $"""
        CREATE TABLE ledger_entries (
            seq {BigIntegerType} PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            created_utc TEXT NOT NULL,
            output_sha256 TEXT NOT NULL,
            report_sha256 TEXT NOT NULL,
            previous_hash TEXT NOT NULL,
            entry_hash TEXT NOT NULL UNIQUE,
            signature TEXT NOT NULL,
            key_id TEXT NOT NULL,
            report_json TEXT NOT NULL);
        CREATE INDEX ix_ledger_entries_output ON ledger_entries (output_sha256);
        """,
        // 2 (issue 20): who created an entry, for search by hash. Outside the signed report and the entry hash, so every
        // existing link and signature still verifies; older entries have no owner and are found by an admin key only.
        "ALTER TABLE ledger_entries ADD COLUMN owner TEXT",
    ];

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await MigrateCoreAsync(cancellationToken).ConfigureAwait(false);
            _migrated = true;
        }
        catch (DbException ex)
        {
            throw new LedgerUnavailableException($"the {Provider} ledger schema could not be brought up to date: {ex.GetType().Name}", ex);
        }
    }

    private async Task MigrateCoreAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginSerialisedAsync(connection, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS radanon_schema (version INTEGER NOT NULL)", cancellationToken).ConfigureAwait(false);
        var current = Convert.ToInt32(await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM radanon_schema", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        for (var version = current + 1; version <= Migrations.Count; version++)
        {
            await ExecuteAsync(connection, transaction, Migrations[version - 1], cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, "INSERT INTO radanon_schema (version) VALUES (" + version.ToString(CultureInfo.InvariantCulture) + ")", cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<LedgerEntry> AppendAsync(LedgerAppend append, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(append);
        var reportSha = Convert.ToHexStringLower(SHA256.HashData(append.CanonicalReport));
        var signature = _signer.Sign(append.CanonicalReport);
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await BeginSerialisedAsync(connection, cancellationToken).ConfigureAwait(false);
            long sequence = 1;
            var previous = LedgerChain.Genesis;
            await using (var last = Command(connection, transaction, "SELECT seq, entry_hash FROM ledger_entries ORDER BY seq DESC LIMIT 1"))
            await using (var reader = await last.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    sequence = reader.GetInt64(0) + 1;
                    previous = reader.GetString(1);
                }
            }

            var created = LedgerChain.Normalise(DateTimeOffset.UtcNow);
            var entry = new LedgerEntry
            {
                Sequence = sequence,
                Id = append.Id,
                CreatedUtc = created,
                OutputSha256 = append.OutputSha256,
                ReportSha256 = reportSha,
                PreviousHash = previous,
                Signature = signature,
                KeyId = _signer.KeyId,
                ReportJson = Encoding.UTF8.GetString(append.CanonicalReport),
                EntryHash = LedgerChain.EntryHash(sequence, append.Id, created, append.OutputSha256, reportSha, signature, previous),
                Owner = append.Owner,
            };
            await using (var insert = Command(connection, transaction, $"INSERT INTO ledger_entries ({Columns}) VALUES (@seq, @id, @created, @output, @report, @previous, @entry, @signature, @key, @json, @owner)"))
            {
                AddParameter(insert, "@seq", entry.Sequence);
                AddParameter(insert, "@id", entry.Id);
                AddParameter(insert, "@created", entry.CreatedUtc.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                AddParameter(insert, "@output", entry.OutputSha256);
                AddParameter(insert, "@report", entry.ReportSha256);
                AddParameter(insert, "@previous", entry.PreviousHash);
                AddParameter(insert, "@entry", entry.EntryHash);
                AddParameter(insert, "@signature", entry.Signature);
                AddParameter(insert, "@key", entry.KeyId);
                AddParameter(insert, "@json", entry.ReportJson);
                AddParameter(insert, "@owner", (object?)entry.Owner ?? DBNull.Value);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return entry;
        }
        catch (DbException ex)
        {
            throw new LedgerUnavailableException($"the {Provider} ledger could not record the report: {ex.GetType().Name}", ex);
        }
    }

    public async Task<LedgerEntry?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var found = await QueryAsync("WHERE id = @value", id, cancellationToken).ConfigureAwait(false);
        return found.Count > 0 ? found[0] : null;
    }

    public Task<IReadOnlyList<LedgerEntry>> FindByOutputAsync(string outputSha256, CancellationToken cancellationToken) =>
        QueryAsync("WHERE output_sha256 = @value", outputSha256.ToLowerInvariant(), cancellationToken);

    public Task<IReadOnlyList<LedgerEntry>> FindByOutputAsync(string outputSha256, string owner, CancellationToken cancellationToken) =>
        QueryAsync("WHERE output_sha256 = @value AND owner = @owner", outputSha256.ToLowerInvariant(), cancellationToken, owner);

    public async IAsyncEnumerable<LedgerEntry> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT {Columns} FROM ledger_entries ORDER BY seq");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return Read(reader);
        }
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(await ScalarAsync(connection, null, "SELECT COUNT(*) FROM ledger_entries", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await ScalarAsync(connection, null, "SELECT COUNT(*) FROM ledger_entries WHERE seq = 0", cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbException)
        {
            return false;
        }
        catch (LedgerUnavailableException)
        {
            return false;
        }
    }

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    protected abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Starts a transaction that no other process can interleave with (one writer at a time).</summary>
    protected abstract Task<DbTransaction> BeginSerialisedAsync(DbConnection connection, CancellationToken cancellationToken);

    protected static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_migrated)
        {
            // The store was unreachable at start-up: bring the schema up on first use instead.
            await MigrateAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw new LedgerUnavailableException($"the {Provider} ledger is unreachable: {ex.GetType().Name}", ex);
        }
    }

    private async Task<IReadOnlyList<LedgerEntry>> QueryAsync(string where, string value, CancellationToken cancellationToken, string? owner = null)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT {Columns} FROM ledger_entries {where} ORDER BY seq");
        AddParameter(command, "@value", value);
        if (owner is not null)
        {
            AddParameter(command, "@owner", owner);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<LedgerEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(Read(reader));
        }

        return entries;
    }

    private static LedgerEntry Read(DbDataReader reader) => new()
    {
        Sequence = reader.GetInt64(0),
        Id = reader.GetString(1),
        CreatedUtc = DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        OutputSha256 = reader.GetString(3),
        ReportSha256 = reader.GetString(4),
        PreviousHash = reader.GetString(5),
        EntryHash = reader.GetString(6),
        Signature = reader.GetString(7),
        KeyId = reader.GetString(8),
        ReportJson = reader.GetString(9),
        Owner = reader.IsDBNull(10) ? null : reader.GetString(10),
    };

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // the SQL is built from constants in this class; values always go through parameters
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Transaction = transaction;
        return command;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
