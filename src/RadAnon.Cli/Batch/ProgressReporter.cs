using System.Globalization;
using Spectre.Console;

namespace RadAnon.Cli.Batch;

/// <summary>Hears about each finished input, from any worker thread.</summary>
internal interface IBatchProgress
{
    void Completed(BatchItem item, ItemOutcome outcome);
}

/// <summary>
/// Progress on stderr: a live bar with ETA (Spectre.Console) when stderr is a terminal, else one line per input,
/// "[12/340] folder/file.dcm ok". Lines name the user's own relative input paths and a status word or problem type,
/// never a header value or recognised text.
/// </summary>
internal static class ProgressReporter
{
    public static T Run<T>(int total, Func<IBatchProgress, T> work)
    {
        if (Console.IsErrorRedirected || Environment.GetEnvironmentVariable("RADANON_PROGRESS") == "plain")
        {
            return work(new LineProgress(total));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context => work(new BarProgress(context.AddTask(Describe(0, total, 0), maxValue: Math.Max(total, 1)), total)));
    }

    private static string Describe(int done, int total, int failed) =>
        string.Create(CultureInfo.InvariantCulture, $"anonymizing {done}/{total}{(failed > 0 ? $", {failed} failed" : string.Empty)}");

    private sealed class LineProgress(int total) : IBatchProgress
    {
        private readonly Lock _gate = new();
        private int _done;

        public void Completed(BatchItem item, ItemOutcome outcome)
        {
            lock (_gate)
            {
                _done++;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_done}/{total}] {item.DisplayPath} {outcome.Describe()}"));
            }
        }
    }

    private sealed class BarProgress(ProgressTask task, int total) : IBatchProgress
    {
        private readonly Lock _gate = new();
        private int _done;
        private int _failed;

        public void Completed(BatchItem item, ItemOutcome outcome)
        {
            lock (_gate)
            {
                _done++;
                _failed += outcome.Status == ItemStatus.Failed ? 1 : 0;
                task.Description = Describe(_done, total, _failed);
                task.Increment(1);
            }
        }
    }
}
