using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RadAnon.Core.Diagnostics;

namespace RadAnon.Cli.Batch;

/// <summary>
/// Runs a batch on <c>jobs</c> worker threads fed by a bounded queue of file paths: a worker reads an input's bytes only
/// when it picks the input up, so at most <c>jobs</c> images are read and decoded at once whatever the batch size.
/// Each input is skipped when its earlier output is current (<see cref="ResumeCheck"/>), else anonymized and written
/// atomically (streamed into a temporary file renamed into place; fsynced first when <c>durable</c>), output first and
/// report last; a failing input is quarantined (its temporary file removed) and the batch goes on.
/// </summary>
internal sealed class BatchRunner(IItemAnonymizer anonymizer, string settings, int jobs, bool durable = false, PipelineTimings? timings = null)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public IReadOnlyList<ItemOutcome> Run(IReadOnlyList<BatchItem> items, IBatchProgress progress)
    {
        var outcomes = new ItemOutcome[items.Count];
        using var queue = new BlockingCollection<BatchItem>(boundedCapacity: jobs);
        var workers = Enumerable.Range(0, Math.Min(jobs, Math.Max(items.Count, 1))).Select(i => new Thread(() =>
        {
            foreach (var item in queue.GetConsumingEnumerable())
            {
                var outcome = Process(item);
                outcomes[item.Index] = outcome;
                progress.Completed(item, outcome);
            }
        })
        { Name = $"radanon-worker-{i}", IsBackground = true }).ToList();
        workers.ForEach(w => w.Start());
        foreach (var item in items)
        {
            queue.Add(item);
        }

        queue.CompleteAdding();
        workers.ForEach(w => w.Join());
        return outcomes;
    }

    private ItemOutcome Process(BatchItem item)
    {
        try
        {
            using (StageScope.Start(timings, "resume check"))
            {
                if (ResumeCheck.IsCurrent(item, settings))
                {
                    return ItemOutcome.Skipped;
                }
            }

            Directory.CreateDirectory(item.OutputDirectory);
            ItemResult result;
            string outputName;
            using (var output = AtomicFile.Create(item.OutputDirectory, Path.GetFileName(item.TargetStem), durable))
            {
                result = anonymizer.Anonymize(item.InputPath, output.Stream);
                outputName = Path.GetFileName(item.TargetStem) + result.FileExtension;
                output.Commit(Path.Combine(item.OutputDirectory, outputName), timings, "write output");
            }

            var report = result.Report;
            var counts = (report["report"] ?? report)["pixels"]?["counts"];
            byte[] reportBytes;
            using (StageScope.Start(timings, "report json"))
            {
                report[ResumeCheck.StampProperty] = ResumeCheck.Stamp(item, result.InputSha256, outputName, result.OutputSha256, settings);
                reportBytes = Encoding.UTF8.GetBytes(report.ToJsonString(Indented));
            }

            AtomicFile.Write(item.ReportPath, reportBytes, durable, timings, "write report");
            return new ItemOutcome(ItemStatus.Anonymized, item.Length, result.OutputLength,
                counts?["detected"]?.GetValue<int>() ?? 0, counts?["redacted"]?.GetValue<int>() ?? 0);
        }
        catch (Exception ex)
        {
            // Even an unexpected exception (a bug) quarantines only this input: the batch goes on, and failures.json
            // names the exception type so it can be reported.
            return FailureTypes.Of(ex) is { } type
                ? new ItemOutcome(ItemStatus.Failed, FailureType: type, FailureMessage: ex.Message)
                : new ItemOutcome(ItemStatus.Failed, FailureType: "internal", FailureMessage: $"{ex.GetType().Name}: {ex.Message}");
        }
    }
}
