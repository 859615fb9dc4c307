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
    JsonNode Report)
{
    public static ReportEnvelope From(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new ReportEnvelope(entry.Id, entry.Sequence, entry.CreatedUtc, entry.OutputSha256, entry.ReportSha256, entry.PreviousHash,
            entry.EntryHash, entry.Signature, entry.KeyId, JsonNode.Parse(entry.ReportJson)!);
    }
}
