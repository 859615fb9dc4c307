using System.Text;
using Microsoft.Data.Sqlite;
using RadAnon.Core.Provenance;
using RadAnon.Core.Provenance.Ledger;

namespace RadAnon.Core.Tests.Provenance;

/// <summary>The SQLite ledger: append, look up, a verifiable hash chain, and tampering caught.</summary>
public sealed class LedgerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("radanon-ledger-").FullName;
    private readonly ReportSigner _signer = ReportSigner.CreateEphemeral();

    public void Dispose()
    {
        _signer.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Append_ThenVerify_ChainIsValidAndEntriesAreFound()
    {
        await using var ledger = await OpenAsync();
        var first = await ledger.AppendAsync(Report("a1", "{\"b\":1,\"a\":[1,2]}"), CancellationToken.None);
        var second = await ledger.AppendAsync(Report("a2", "{\"x\":\"y\"}"), CancellationToken.None);

        Assert.Equal(LedgerChain.Genesis, first.PreviousHash);
        Assert.Equal(first.EntryHash, second.PreviousHash);
        Assert.Equal(2, second.Sequence);
        Assert.Equal("a1", (await ledger.GetAsync("a1", CancellationToken.None))!.Id);
        Assert.Single(await ledger.FindByOutputAsync(second.OutputSha256, CancellationToken.None));
        var verification = await LedgerVerifier.VerifyAsync(ledger, _signer, CancellationToken.None);
        Assert.True(verification.Valid, verification.Problem);
        Assert.Equal(2, verification.Entries);
    }

    [Fact]
    public async Task Verify_ReportEditedInTheDatabase_IsDetected()
    {
        await using var ledger = await OpenAsync();
        await ledger.AppendAsync(Report("a1", "{\"regions\":3}"), CancellationToken.None);
        await ledger.AppendAsync(Report("a2", "{\"regions\":4}"), CancellationToken.None);

        await ExecuteAsync("UPDATE ledger_entries SET report_json = '{\"regions\":0}' WHERE id = 'a1'");

        var verification = await LedgerVerifier.VerifyAsync(ledger, _signer, CancellationToken.None);
        Assert.False(verification.Valid);
        Assert.Equal(1, verification.FirstBrokenSequence);
    }

    [Fact]
    public async Task Verify_EntryDeleted_IsDetected()
    {
        await using var ledger = await OpenAsync();
        for (var i = 0; i < 3; i++)
        {
            await ledger.AppendAsync(Report("r" + i, "{}"), CancellationToken.None);
        }

        await ExecuteAsync("DELETE FROM ledger_entries WHERE seq = 2");

        var verification = await LedgerVerifier.VerifyAsync(ledger, _signer, CancellationToken.None);
        Assert.False(verification.Valid);
        Assert.Equal(3, verification.FirstBrokenSequence);
    }

    [Fact]
    public async Task Verify_SignedByAnotherKey_IsReported()
    {
        await using (var ledger = await OpenAsync())
        {
            await ledger.AppendAsync(Report("r1", "{}"), CancellationToken.None);
        }

        using var other = ReportSigner.CreateEphemeral();
        await using var reopened = new SqliteLedger(Path.Combine(_directory, "ledger.db"), other);
        var verification = await LedgerVerifier.VerifyAsync(reopened, other, CancellationToken.None);

        Assert.False(verification.Valid);
        Assert.Contains(_signer.KeyId, verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Append_ConcurrentlyFromTwoLedgerInstances_KeepsOneLinearChain()
    {
        await using var a = await OpenAsync();
        await using var b = new SqliteLedger(Path.Combine(_directory, "ledger.db"), _signer);

        var appends = Enumerable.Range(0, 40).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).AppendAsync(Report("c" + i, "{\"i\":" + i + "}"), CancellationToken.None)));
        await Task.WhenAll(appends);

        Assert.Equal(40, await a.CountAsync(CancellationToken.None));
        var verification = await LedgerVerifier.VerifyAsync(b, _signer, CancellationToken.None);
        Assert.True(verification.Valid, verification.Problem);
    }

    [Fact]
    public async Task Append_StoreFailing_ThrowsLedgerUnavailable()
    {
        // A directory where the database file should be: SQLite cannot open it.
        var path = Path.Combine(_directory, "blocked.db");
        Directory.CreateDirectory(path);
        await using var ledger = new SqliteLedger(path, _signer);

        await Assert.ThrowsAsync<LedgerUnavailableException>(() => ledger.AppendAsync(Report("r", "{}"), CancellationToken.None));
        Assert.False(await ledger.PingAsync(CancellationToken.None));
    }

    [Fact]
    public void CanonicalJson_IgnoresKeyOrderAndWhitespace()
    {
        var a = CanonicalJson.ToBytes("{ \"b\": 1, \"a\": { \"d\": [1, 2], \"c\": null } }");
        var b = CanonicalJson.ToBytes("{\"a\":{\"c\":null,\"d\":[1,2]},\"b\":1}");

        Assert.Equal(Encoding.UTF8.GetString(b), Encoding.UTF8.GetString(a));
        Assert.Equal("{\"a\":{\"c\":null,\"d\":[1,2]},\"b\":1}", Encoding.UTF8.GetString(a));
    }

    [Fact]
    public void Signer_KeyPersistsAcrossLoads_AndSignaturesVerify()
    {
        var path = Path.Combine(_directory, "keys", "signing-key.pem");
        using var first = ReportSigner.LoadOrCreate(path);
        using var second = ReportSigner.LoadOrCreate(path);
        var data = "report"u8.ToArray();

        Assert.Equal(first.KeyId, second.KeyId);
        Assert.True(second.Verify(data, first.Sign(data)));
        Assert.False(second.Verify("other"u8, first.Sign(data)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    private async Task<SqliteLedger> OpenAsync()
    {
        var ledger = new SqliteLedger(Path.Combine(_directory, "ledger.db"), _signer);
        await ledger.MigrateAsync(CancellationToken.None);
        return ledger;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection("Data Source=" + Path.Combine(_directory, "ledger.db"));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static LedgerAppend Report(string id, string json) =>
        new(id, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(id))), CanonicalJson.ToBytes(json));
}
