using System.Collections.Concurrent;
using System.Diagnostics;
using RadAnon.Core.Ocr;

namespace RadAnon.Core.Diagnostics;

/// <summary>
/// Wall-clock and thread CPU time per pipeline stage, summed over every call from any thread: the `--timings` debug
/// aid of the CLI. Holds stage names, call counts and durations only, never a value read from a file.
/// </summary>
public sealed class PipelineTimings
{
    private readonly ConcurrentDictionary<string, Totals> _stages = new(StringComparer.Ordinal);

    /// <summary>Adds one call of <paramref name="stage"/>.</summary>
    public void Add(string stage, TimeSpan wall, TimeSpan cpu)
    {
        var totals = _stages.GetOrAdd(stage, _ => new Totals());
        Interlocked.Increment(ref totals.Calls);
        Interlocked.Add(ref totals.WallTicks, wall.Ticks);
        Interlocked.Add(ref totals.CpuTicks, cpu.Ticks);
        for (var max = Volatile.Read(ref totals.MaxWallTicks); wall.Ticks > max; max = Volatile.Read(ref totals.MaxWallTicks))
        {
            if (Interlocked.CompareExchange(ref totals.MaxWallTicks, wall.Ticks, max) == max)
            {
                break;
            }
        }
    }

    /// <summary>The stages, sorted by name for a stable table.</summary>
    public IReadOnlyList<StageTotal> Snapshot() => [.. _stages
        .Select(p => new StageTotal(p.Key, p.Value.Calls, TimeSpan.FromTicks(p.Value.WallTicks), TimeSpan.FromTicks(p.Value.CpuTicks), TimeSpan.FromTicks(p.Value.MaxWallTicks)))
        .OrderBy(s => s.Stage, StringComparer.Ordinal)];

    private sealed class Totals
    {
        public int Calls;
        public long WallTicks;
        public long CpuTicks;
        public long MaxWallTicks;
    }
}

/// <summary>One stage's totals: calls, wall time, the CPU time of the threads that ran it, and the slowest call (often the first: JIT).</summary>
public sealed record StageTotal(string Stage, int Calls, TimeSpan Wall, TimeSpan Cpu, TimeSpan MaxWall);

/// <summary>Measures one stage until disposed; a no-op when there are no timings to add to.</summary>
public readonly struct StageScope : IDisposable
{
    private readonly PipelineTimings? _timings;
    private readonly string _stage;
    private readonly long _start;
    private readonly TimeSpan _cpuStart;

    private StageScope(PipelineTimings timings, string stage)
    {
        _timings = timings;
        _stage = stage;
        _start = Stopwatch.GetTimestamp();
        _cpuStart = ThreadCpu();
    }

    public static StageScope Start(PipelineTimings? timings, string stage) => timings is null ? default : new StageScope(timings, stage);

    public void Dispose() => _timings?.Add(_stage, Stopwatch.GetElapsedTime(_start), ThreadCpu() - _cpuStart);

    /// <summary>CPU time of the calling thread (Linux clock_gettime); zero where it is not available.</summary>
    private static TimeSpan ThreadCpu()
    {
        if (!OperatingSystem.IsLinux() || LibcInterop.ClockGetTime(LibcInterop.ClockThreadCpuTime, out var t) != 0)
        {
            return TimeSpan.Zero;
        }

        return TimeSpan.FromTicks(t.Seconds * TimeSpan.TicksPerSecond + t.Nanoseconds / 100);
    }
}
