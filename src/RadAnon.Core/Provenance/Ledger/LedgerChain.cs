using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RadAnon.Core.Provenance.Ledger;

/// <summary>The hash-chain rule shared by every store and by the verifier.</summary>
public static class LedgerChain
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string EntryHash(long sequence, string id, DateTimeOffset createdUtc, string outputSha256, string reportSha256,
        string signature, string previousHash)
    {
        var text = string.Join('\n', previousHash, sequence.ToString(CultureInfo.InvariantCulture), id,
            createdUtc.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture), outputSha256, reportSha256, signature);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Timestamps are stored at the precision the hash covers.</summary>
    public static DateTimeOffset Normalise(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
}

/// <summary>The outcome of checking the whole chain.</summary>
public sealed record LedgerVerification(long Entries, bool Valid, long? FirstBrokenSequence, string? Problem);

/// <summary>Walks the ledger and checks every link, report hash and signature.</summary>
public static class LedgerVerifier
{
    public static async Task<LedgerVerification> VerifyAsync(ILedger ledger, ReportSigner signer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(signer);
        var previous = LedgerChain.Genesis;
        long expected = 1;
        long count = 0;
        await foreach (var entry in ledger.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            count++;
            var problem = Check(entry, previous, expected, signer);
            if (problem is not null)
            {
                return new LedgerVerification(count, false, entry.Sequence, problem);
            }

            previous = entry.EntryHash;
            expected++;
        }

        return new LedgerVerification(count, true, null, null);
    }

    private static string? Check(LedgerEntry entry, string previous, long expectedSequence, ReportSigner signer)
    {
        if (entry.Sequence != expectedSequence)
        {
            return $"sequence {entry.Sequence} found where {expectedSequence} was expected (an entry is missing)";
        }

        if (entry.PreviousHash != previous)
        {
            return "previous-hash link does not match the preceding entry";
        }

        var canonical = CanonicalJson.ToBytes(entry.ReportJson);
        if (Convert.ToHexStringLower(SHA256.HashData(canonical)) != entry.ReportSha256)
        {
            return "report content does not match its recorded hash";
        }

        var hash = LedgerChain.EntryHash(entry.Sequence, entry.Id, entry.CreatedUtc, entry.OutputSha256, entry.ReportSha256, entry.Signature, entry.PreviousHash);
        if (hash != entry.EntryHash)
        {
            return "entry hash does not match its fields";
        }

        if (entry.KeyId == signer.KeyId && !signer.Verify(canonical, entry.Signature))
        {
            return "report signature does not verify with the signing key";
        }

        return entry.KeyId == signer.KeyId ? null : $"entry signed by key {entry.KeyId}, not the configured key {signer.KeyId}";
    }
}
