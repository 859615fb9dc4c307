using System.Globalization;
using System.Text.Json;

namespace RadAnon.Cli.Batch;

/// <summary>What one run did, written to OUTDIR/summary.json and printed at the end. Counts and sizes only, never a value.</summary>
internal sealed record BatchSummary
{
    /// <summary>Inputs found (anonymized + skipped + failed).</summary>
    public required int Files { get; init; }

    public required int Anonymized { get; init; }

    /// <summary>Inputs whose output and report from an earlier run were complete and current (see ResumeCheck).</summary>
    public required int Skipped { get; init; }

    public required int Failed { get; init; }

    /// <summary>Bytes of the inputs anonymized in this run (skipped ones not counted).</summary>
    public required long BytesRead { get; init; }

    public required long BytesWritten { get; init; }

    /// <summary>Anonymized images in which the pixel pass detected text.</summary>
    public required int ImagesWithText { get; init; }

    public required int RegionsRedacted { get; init; }

    public required double ElapsedSeconds { get; init; }

    public required double ImagesPerSecond { get; init; }

    public required double MegabytesPerSecond { get; init; }

    public required int Jobs { get; init; }

    /// <summary>"local" or the server's URL.</summary>
    public required string Mode { get; init; }

    public required string Profile { get; init; }

    /// <summary>"project" (--key), "ephemeral" (a fresh random key: nothing resumed) or "server".</summary>
    public required string Key { get; init; }

    /// <summary>The run's totals; throughput counts the inputs anonymized in this run, over the whole elapsed time.</summary>
    public static BatchSummary From(IReadOnlyList<ItemOutcome> outcomes, TimeSpan elapsed, int jobs, string mode, string profile, string key)
    {
        var anonymized = outcomes.Count(o => o.Status == ItemStatus.Anonymized);
        var bytesRead = outcomes.Sum(o => o.BytesRead);
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-3);
        return new BatchSummary
        {
            Files = outcomes.Count,
            Anonymized = anonymized,
            Skipped = outcomes.Count(o => o.Status == ItemStatus.Skipped),
            Failed = outcomes.Count(o => o.Status == ItemStatus.Failed),
            BytesRead = bytesRead,
            BytesWritten = outcomes.Sum(o => o.BytesWritten),
            ImagesWithText = outcomes.Count(o => o.RegionsDetected > 0),
            RegionsRedacted = outcomes.Sum(o => o.RegionsRedacted),
            ElapsedSeconds = Math.Round(elapsed.TotalSeconds, 2),
            ImagesPerSecond = Math.Round(anonymized / seconds, 3),
            MegabytesPerSecond = Math.Round(bytesRead / 1e6 / seconds, 3),
            Jobs = jobs,
            Mode = mode,
            Profile = profile,
            Key = key,
        };
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Files} files: {Anonymized} anonymized, {Skipped} skipped (already current), {Failed} failed; {ImagesWithText} with text, "
        + $"{RegionsRedacted} regions redacted; {BytesRead / 1e6:0.0} MB in {ElapsedSeconds:0.0} s = {ImagesPerSecond:0.00} images/s, "
        + $"{MegabytesPerSecond:0.00} MB/s ({Jobs} jobs, {Mode}, profile {Profile}, {Key} key)");
}
