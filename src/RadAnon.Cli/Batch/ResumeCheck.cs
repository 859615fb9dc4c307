using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RadAnon.Cli.Batch;

/// <summary>
/// Decides whether an input's output from an earlier run is complete and current, so a re-run may skip it. The report
/// (written last, atomically) carries a "batch" stamp: input and output file names, their SHA-256 and the
/// <see cref="BatchSettings"/> hash. Current means: the report parses, its settings hash equals this run's, the input's
/// SHA-256 matches the file now, and the output named in the stamp exists with the SHA-256 the stamp records. Anything
/// else (no report, a truncated output, another key or profile, a changed input) is redone.
/// </summary>
internal static class ResumeCheck
{
    public const string StampProperty = "batch";

    /// <summary>The stamp added to the report JSON of one output.</summary>
    public static JsonObject Stamp(BatchItem item, string inputSha256, string outputName, string outputSha256, string settings) => new()
    {
        ["input"] = item.DisplayPath,
        ["inputSha256"] = inputSha256,
        ["output"] = outputName,
        ["outputSha256"] = outputSha256,
        ["settings"] = settings,
    };

    public static bool IsCurrent(BatchItem item, string settings)
    {
        if (!File.Exists(item.ReportPath))
        {
            return false;
        }

        string? output, outputSha, inputSha;
        try
        {
            var stamp = JsonNode.Parse(File.ReadAllBytes(item.ReportPath))?[StampProperty];
            if (stamp?["settings"]?.GetValue<string>() != settings)
            {
                return false;
            }

            output = stamp["output"]?.GetValue<string>();
            outputSha = stamp["outputSha256"]?.GetValue<string>();
            inputSha = stamp["inputSha256"]?.GetValue<string>();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return false;
        }

        if (output is null || outputSha is null || inputSha is null || output != Path.GetFileName(output))
        {
            return false;
        }

        var outputPath = Path.Combine(item.OutputDirectory, output);
        return File.Exists(outputPath) && Sha256(outputPath) == outputSha && Sha256(item.InputPath) == inputSha;
    }

    /// <summary>SHA-256 of a file, streamed: a large input is hashed without holding it in memory.</summary>
    public static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
