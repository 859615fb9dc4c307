using System.Text.Json.Nodes;
using RadAnon.Core;
using RadAnon.Core.Diagnostics;
using RadAnon.Core.Profiles;
using RadAnon.Core.Provenance;

namespace RadAnon.Cli.Batch;

/// <summary>
/// The pipeline in this process. One <see cref="Anonymizer"/> serves every worker: it keeps no per-call state, and the
/// OCR behind it (<see cref="Core.Ocr.TesseractOcr"/>) gives each thread its own Tesseract engine, so N worker threads
/// use N engines. The input is read only here, when a worker picks it up.
/// </summary>
internal sealed class LocalAnonymizer(Anonymizer anonymizer, AnonymizeOptions options, PseudonymKey key) : IItemAnonymizer
{
    public ItemResult Anonymize(string inputPath)
    {
        byte[] input;
        using (StageScope.Start(anonymizer.Timings, "read"))
        {
            input = File.ReadAllBytes(inputPath);
        }

        var result = anonymizer.Anonymize(input, options, key);
        using var json = StageScope.Start(anonymizer.Timings, "report json");
        var report = JsonNode.Parse(ProvenanceJson.Serialize(result.Report))!.AsObject();
        return new ItemResult(result.Output, result.FileExtension, report, result.Report.InputSha256) { OutputSha256 = result.Report.OutputSha256 };
    }
}
