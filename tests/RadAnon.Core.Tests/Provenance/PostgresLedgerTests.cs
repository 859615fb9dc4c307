using System.Text;
using RadAnon.Core.Provenance;
using RadAnon.Core.Provenance.Ledger;
using RadAnon.TestSupport;

namespace RadAnon.Core.Tests.Provenance;

/// <summary>The PostgreSQL ledger against a real server: the same schema, and one chain under concurrent writers.</summary>
public sealed class PostgresLedgerTests
{
    [PostgresFact]
    public async Task Append_ConcurrentlyFromTwoReplicas_KeepsOneVerifiableChain()
    {
        using var server = new PostgresServer();
        using var signer = ReportSigner.CreateEphemeral();
        await using var replicaA = new PostgresLedger(server.ConnectionString, signer);
        await using var replicaB = new PostgresLedger(server.ConnectionString, signer);
        await Task.WhenAll(replicaA.MigrateAsync(CancellationToken.None), replicaB.MigrateAsync(CancellationToken.None));

        var appends = Enumerable.Range(0, 60).Select(i => Task.Run(() =>
            (i % 2 == 0 ? replicaA : replicaB).AppendAsync(Report("p" + i), CancellationToken.None)));
        var entries = await Task.WhenAll(appends);

        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), entries.Select(e => e.Sequence).Order());
        Assert.Equal(60, await replicaB.CountAsync(CancellationToken.None));
        Assert.NotNull(await replicaA.GetAsync("p7", CancellationToken.None));
        var verification = await LedgerVerifier.VerifyAsync(replicaA, signer, CancellationToken.None);
        Assert.True(verification.Valid, verification.Problem);
    }

    [PostgresFact]
    public async Task Append_ServerStopped_ThrowsLedgerUnavailable()
    {
        PostgresLedger ledger;
        using var signer = ReportSigner.CreateEphemeral();
        using (var server = new PostgresServer())
        {
            ledger = new PostgresLedger(server.ConnectionString + ";Pooling=false", signer);
            await ledger.MigrateAsync(CancellationToken.None);
        }

        await using (ledger)
        {
            await Assert.ThrowsAsync<LedgerUnavailableException>(() => ledger.AppendAsync(Report("late"), CancellationToken.None));
            Assert.False(await ledger.PingAsync(CancellationToken.None));
        }
    }

    private static LedgerAppend Report(string id) =>
        new(id, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(id))), CanonicalJson.ToBytes("{\"id\":\"" + id + "\"}"));
}
