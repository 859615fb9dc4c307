using System.Buffers.Binary;
using System.Diagnostics;

namespace RadAnon.Fuzz;

/// <summary>
/// A small in-process mutation fuzzer (no instrumentation): seeds from a folder, mutated by bit flips, byte
/// runs, interesting 16/32-bit values (lengths like 0xFFFFFFFE), splices, truncation and duplication. It is the
/// bounded pass CI runs; AFL++ with SharpFuzz instrumentation does the long coverage-guided runs.
/// </summary>
public sealed class Mutator
{
    private static readonly uint[] Interesting = [0, 1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF];

    private readonly Random _random;
    private readonly IReadOnlyList<byte[]> _seeds;

    public Mutator(IReadOnlyList<byte[]> seeds, int seed)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count == 0)
        {
            throw new ArgumentException("at least one seed is needed", nameof(seeds));
        }

        _seeds = seeds;
        _random = new Random(seed);
    }

    public byte[] Next()
    {
        var data = (byte[])_seeds[_random.Next(_seeds.Count)].Clone();
        var rounds = 1 + _random.Next(4);
        for (var i = 0; i < rounds; i++)
        {
            data = Mutate(data);
        }

        return data;
    }

    /// <summary>
    /// Runs <paramref name="target"/> on mutants until the count or the time is used up. The target runs on a
    /// worker thread watched from the calling one: an execution still running after <paramref name="hangThreshold"/>
    /// (a native decoder spinning, say) ends the run with a hang finding, and the stuck worker, a background
    /// thread, is abandoned, since native code cannot be interrupted.
    /// </summary>
    public FuzzRun Run(Action<byte[]> target, long maxExecutions, TimeSpan maxTime, TimeSpan hangThreshold)
    {
        var clock = Stopwatch.StartNew();
        var findings = new List<FuzzFinding>();
        var gate = new Lock();
        long executions = 0;
        byte[]? current = null;
        var startedAt = TimeSpan.Zero;
        var stop = false;

        var worker = new Thread(() =>
        {
            while (clock.Elapsed < maxTime)
            {
                var input = Next();
                lock (gate)
                {
                    if (stop || executions >= maxExecutions)
                    {
                        return;
                    }

                    current = input;
                    startedAt = clock.Elapsed;
                }

                var survived = FuzzTargets.Survives(target, input, out var finding);
                lock (gate)
                {
                    current = null;
                    executions++;
                    if (!survived)
                    {
                        findings.Add(new FuzzFinding("crash", FuzzTargets.Describe(finding!), input));
                    }
                }
            }
        })
        { IsBackground = true, Name = "fuzz target" };
        worker.Start();

        while (!worker.Join(TimeSpan.FromMilliseconds(100)))
        {
            lock (gate)
            {
                if (current is not null && clock.Elapsed - startedAt > hangThreshold)
                {
                    findings.Add(new FuzzFinding("hang", $"still running after {(clock.Elapsed - startedAt).TotalSeconds:F1} s", current));
                    stop = true;
                    break;
                }
            }
        }

        lock (gate)
        {
            return new FuzzRun(executions, clock.Elapsed, [.. findings]);
        }
    }

    private byte[] Mutate(byte[] data)
    {
        if (data.Length == 0)
        {
            return [(byte)_random.Next(256)];
        }

        var at = _random.Next(data.Length);
        switch (_random.Next(8))
        {
            case 0:
                data[at] ^= (byte)(1 << _random.Next(8));
                return data;
            case 1:
                data[at] = (byte)_random.Next(256);
                return data;
            case 2 when at + 4 <= data.Length:
                BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(at), Interesting[_random.Next(Interesting.Length)]);
                return data;
            case 3 when at + 2 <= data.Length:
                BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(at), (ushort)Interesting[_random.Next(Interesting.Length)]);
                return data;
            case 4:
                return data[..at];
            case 5:
                var length = Math.Min(1 + _random.Next(64), data.Length - at);
                return [.. data[..(at + length)], .. data[at..]];
            case 6:
                var other = _seeds[_random.Next(_seeds.Count)];
                var from = _random.Next(other.Length);
                return [.. data[..at], .. other[from..Math.Min(other.Length, from + 1 + _random.Next(256))], .. data[at..]];
            default:
                var cut = Math.Min(1 + _random.Next(16), data.Length - at);
                return [.. data[..at], .. data[(at + cut)..]];
        }
    }
}

public sealed record FuzzFinding(string Kind, string Description, byte[] Input);

public sealed record FuzzRun(long Executions, TimeSpan Elapsed, IReadOnlyList<FuzzFinding> Findings)
{
    public double ExecutionsPerSecond => Executions / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
