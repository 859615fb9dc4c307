using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace RadAnon.Core.Provenance.Ledger;

/// <summary>The embedded default: one SQLite file under the data directory, WAL mode, appends under BEGIN IMMEDIATE.</summary>
public sealed class SqliteLedger : AdoLedger
{
    private readonly string _connectionString;

    public SqliteLedger(string databasePath, ReportSigner signer)
        : base(signer)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        RestrictFiles(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public override string Provider => "sqlite";

    /// <summary>
    /// Owner-only files before SQLite first opens them: it creates the -wal and -shm files with the database file's mode,
    /// so a 0600 database covers them. A path SQLite cannot use either (a directory, a read-only place) is left to fail
    /// on first use, as <see cref="LedgerUnavailableException"/>.
    /// </summary>
    private static void RestrictFiles(string databasePath)
    {
        try
        {
            OwnerOnlyFiles.EnsureDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
            if (!Directory.Exists(databasePath))
            {
                OwnerOnlyFiles.EnsureFile(databasePath);
            }

            OwnerOnlyFiles.Restrict(databasePath + "-wal");
            OwnerOnlyFiles.Restrict(databasePath + "-shm");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // SQLite reports the same place as unusable when the ledger is first used.
        }
    }

    /// <summary>INTEGER PRIMARY KEY is SQLite's 64-bit rowid alias.</summary>
    protected override string BigIntegerType => "INTEGER";

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000;", cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>A non-deferred transaction is BEGIN IMMEDIATE: it takes the write lock up front, across processes.</summary>
    protected override Task<DbTransaction> BeginSerialisedAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));
}
