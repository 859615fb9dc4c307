using System.Net;
using System.Net.Sockets;
using System.Text;
using RadAnon.TestSupport;

namespace RadAnon.E2E.Tests;

/// <summary>
/// deploy/local-cluster.sh as a user runs it: a throwaway PostgreSQL cluster, API replicas sharing it and the keys,
/// and nginx with the shipped deploy/nginx/nginx.conf in front, all on loopback ports under a temporary state
/// directory. <c>stop</c> on dispose ends every process and deletes the directory.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private static readonly string Script = Path.Combine(Repository.Root, "deploy", "local-cluster.sh");

    private readonly string _state;

    private LocalCluster(string state, IReadOnlyDictionary<string, string> values)
    {
        _state = state;
        Proxy = new Uri(values["PROXY_URL"] + "/");
        Replicas = [.. values["REPLICA_URLS"].Split(' ').Select(u => new Uri(u + "/"))];
        ReplicaProcessIds = [.. values["REPLICA_PIDS"].Split(' ').Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture))];
        PostgresConnectionString = values["POSTGRES"];
        SigningKeyPath = values["SIGNING_KEY"];
    }

    public Uri Proxy { get; }

    public IReadOnlyList<Uri> Replicas { get; }

    public IReadOnlyList<int> ReplicaProcessIds { get; }

    public string PostgresConnectionString { get; }

    public string SigningKeyPath { get; }

    /// <summary>True when this machine can run the cluster (PostgreSQL server binaries, the postgres user, nginx).</summary>
    public static bool IsAvailable => PostgresServer.IsAvailable && ExternalTool.Exists("nginx");

    /// <summary>Starts the cluster; <paramref name="options"/> are the script's start options (--replicas, --max-body...).</summary>
    public static async Task<LocalCluster> StartAsync(params string[] options)
    {
        var state = Path.Combine(Path.GetTempPath(), "radanon-cluster-" + Guid.NewGuid().ToString("n")[..8]);
        ToolResult result;

        // The start publishes the API into .radanon/build/api, as RadAnonServer does: one publisher at a time.
        await RadAnonServer.StartGate.WaitAsync().ConfigureAwait(false);
        try
        {
            result = await Task.Run(() => ExternalTool.Run(Script, ["start", "--state", state, "--port", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture), .. options],
                TimeSpan.FromMinutes(10))).ConfigureAwait(false);
        }
        finally
        {
            RadAnonServer.StartGate.Release();
        }

        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"local-cluster.sh start failed ({result.ExitCode}):\n{result.StandardError}{result.StandardOutput}");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(Path.Combine(state, "cluster.env")))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values[line[..equals]] = line[(equals + 1)..].Trim('"');
            }
        }

        return new LocalCluster(state, values);
    }

    /// <summary>The tails of the replica and nginx logs, for failure messages.</summary>
    public string Logs()
    {
        var text = new StringBuilder();
        foreach (var log in Directory.GetDirectories(_state, "replica-*").Select(d => Path.Combine(d, "log")).Append(Path.Combine(_state, "nginx", "error.log")).Where(File.Exists))
        {
            text.AppendLine("== " + log + " (last 20 lines)");
            foreach (var line in File.ReadAllLines(log).TakeLast(20))
            {
                text.AppendLine(line);
            }
        }

        return text.ToString();
    }

    /// <summary>Peak resident memory of each replica (VmHWM from /proc), in MiB.</summary>
    public IReadOnlyList<double> PeakRssMiB() =>
        [.. ReplicaProcessIds.Select(pid => File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024).Single())];

    public async ValueTask DisposeAsync()
    {
        var result = await Task.Run(() => ExternalTool.Run(Script, ["stop", "--state", _state], TimeSpan.FromMinutes(1))).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"local-cluster.sh stop failed ({result.ExitCode}): {result.StandardError}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
