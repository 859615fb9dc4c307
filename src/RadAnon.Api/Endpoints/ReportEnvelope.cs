using System.Text.Json.Nodes;
using RadAnon.Core.Provenance.Ledger;

namespace RadAnon.Api.Endpoints;

/// <summary>A report as the API returns it: the PHI-free report with its ledger position, hash chain link and signature.</summary>
public sealed record ReportEnvelope(
    string Id,
    long Sequence,
    DateTimeOffset CreatedUtc,
    string OutputSha256,
    string ReportSha256,
    string PreviousHash,
    string EntryHash,
    string Signature,
    string KeyId,
    JsonNode Report,
    IReadOnlyList<string>? Withheld = null)
{
    /// <summary>Fields of reports recorded before issue 20 that could link an output to its original; never served.</summary>
    private static readonly string[] LinkableLegacyFields = ["inputSha256"];

    /// <summary>
    /// The entry as served. A report recorded before keyed input hashes still holds the original's plain SHA-256: that
    /// field is withheld (and named in <see cref="Withheld"/>), so its signature can then be checked only by the server's
    /// ledger verification, which reads the stored report whole; the chain itself is unchanged.
    /// </summary>
    public static ReportEnvelope From(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var report = JsonNode.Parse(entry.ReportJson)!;
        var withheld = report is JsonObject fields ? LinkableLegacyFields.Where(fields.Remove).ToArray() : [];
        return new ReportEnvelope(entry.Id, entry.Sequence, entry.CreatedUtc, entry.OutputSha256, entry.ReportSha256, entry.PreviousHash,
            entry.EntryHash, entry.Signature, entry.KeyId, report, withheld.Length > 0 ? withheld : null);
    }
}
