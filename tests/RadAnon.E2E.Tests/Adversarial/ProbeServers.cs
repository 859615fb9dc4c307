using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RadAnon.TestSupport;

namespace RadAnon.E2E.Tests.Adversarial;

/// <summary>
/// The servers the issue 20 probe ran against, as real processes (<c>./radanon serve</c>): open mode with small limits,
/// key mode with a per-key limit, and open mode with a small per-client limit. Every measured case (status, problem
/// type, duration, growth of the server's peak resident memory) goes to TestResults/adversarial-probe.tsv.
/// </summary>
public sealed class ProbeServers : IAsyncLifetime
{
    public const long MaxRequestBytes = 64L * 1024 * 1024;
    public const long MaxInflatedBytes = 64L * 1024 * 1024;
    public const long MaxBatchBytes = 8L * 1024 * 1024;
    public const long MaxBufferedUploadBytes = 96L * 1024 * 1024;

    /// <summary>The documented bound: twice the largest request plus a fixed overhead.</summary>
    public const long PeakGrowthBound = (2 * MaxRequestBytes) + (64L * 1024 * 1024);

    public static readonly string[] Keys = ["key-a", "key-b", "key-c"];
    public const string AdminKey = "key-admin";

    private static readonly ConcurrentDictionary<string, ProbeMeasurement> Measurements = new(StringComparer.Ordinal);

    private RadAnonServer? _open;
    private RadAnonServer? _keyed;
    private RadAnonServer? _limited;

    public RadAnonServer Open => _open ?? throw new InvalidOperationException("not started");

    public RadAnonServer Keyed => _keyed ?? throw new InvalidOperationException("not started");

    public RadAnonServer Limited => _limited ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _open = await RadAnonServer.StartAsync(
            "--RadAnon:Limits:MaxRequestBytes", Invariant(MaxRequestBytes),
            "--RadAnon:Limits:MaxInflatedBytes", Invariant(MaxInflatedBytes),
            "--RadAnon:Limits:MaxBatchBytes", Invariant(MaxBatchBytes),
            "--RadAnon:Limits:MaxBufferedUploadBytes", Invariant(MaxBufferedUploadBytes),
            "--RadAnon:Security:RequestsPerMinute", "0");
        _keyed = await RadAnonServer.StartAsync(
            "--RadAnon:Security:ApiKeySha256:0", Digest(Keys[0]),
            "--RadAnon:Security:ApiKeySha256:1", Digest(Keys[1]),
            "--RadAnon:Security:ApiKeySha256:2", Digest(Keys[2]),
            "--RadAnon:Security:AdminKeySha256:0", Digest(AdminKey),
            "--RadAnon:Security:RequestsPerMinute", "5",
            "--RadAnon:Security:FailedAuthenticationsPerMinute", "10");
        _limited = await RadAnonServer.StartAsync("--RadAnon:Security:RequestsPerMinute", "5");
    }

    /// <summary>Runs one request against a server and records its status, type, time and peak memory growth.</summary>
    public static async Task<ProbeMeasurement> MeasureAsync(RadAnonServer server, string finding, string name, Func<Task<(int Status, string? Type)>> request)
    {
        var pid = server.ProcessId;
        ProcessMemory.ResetPeak(pid);
        var before = ProcessMemory.ResidentBytes(pid);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (status, type) = await request();
        var m = new ProbeMeasurement(finding, name, status, type?.Replace("https://radanon.dev/problems/", string.Empty, StringComparison.Ordinal) ?? "-",
            clock.Elapsed, ProcessMemory.PeakResidentBytes(pid) - before);
        Measurements[finding + " " + name] = m;
        return m;
    }

    public static string Digest(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public async Task DisposeAsync()
    {
        if (!Measurements.IsEmpty)
        {
            var table = new StringBuilder("finding\tcase\tstatus\tproblem\tms\tpeak_growth_mib\n");
            foreach (var m in Measurements.Values.OrderBy(m => m.Finding, StringComparer.Ordinal).ThenBy(m => m.Name, StringComparer.Ordinal))
            {
                table.Append(CultureInfo.InvariantCulture, $"{m.Finding}\t{m.Name}\t{m.Status}\t{m.ProblemType}\t{m.Elapsed.TotalMilliseconds:0}\t{m.PeakGrowthBytes / 1048576.0:0.0}\n");
            }

            await File.WriteAllTextAsync(Path.Combine(E2EFixture.ArtifactsDirectory, "..", "adversarial-probe.tsv"), table.ToString());
        }

        foreach (var server in new[] { _open, _keyed, _limited })
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One probe case as seen from outside the server.</summary>
public sealed record ProbeMeasurement(string Finding, string Name, int Status, string ProblemType, TimeSpan Elapsed, long PeakGrowthBytes)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Finding} {Name}: {Status} {ProblemType} in {Elapsed.TotalMilliseconds:0} ms, peak +{PeakGrowthBytes / 1048576.0:0.0} MiB");
}
