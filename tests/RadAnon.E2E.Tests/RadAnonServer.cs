using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using RadAnon.TestSupport;

namespace RadAnon.E2E.Tests;

/// <summary>
/// The real service as a separate process, started exactly as a user would: <c>./radanon serve</c> on a free
/// loopback port with a throwaway data directory (SQLite ledger, generated signing key). Killed on dispose.
/// </summary>
public sealed class RadAnonServer : IAsyncDisposable
{
    /// <summary>The first start publishes the API in Release, which takes minutes on a busy two-core machine.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Two servers starting at once would both publish into .radanon/build/api; one start at a time (LocalCluster,
    /// which publishes through deploy/local-cluster.sh, takes the same gate).
    /// </summary>
    internal static readonly SemaphoreSlim StartGate = new(1, 1);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private bool _disposed;
    private StreamWriter? _log;

    private RadAnonServer(Process process, Uri baseAddress, string dataDirectory)
    {
        _process = process;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
    }

    public Uri BaseAddress { get; }

    /// <summary>The service's own process (./radanon execs dotnet, so the script's PID becomes the server's).</summary>
    public int ProcessId => _process.Id;

    public string DataDirectory { get; }

    /// <summary>What the server wrote so far (build errors, startup and request logs), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static Task<RadAnonServer> StartAsync(params string[] extraArguments) => StartAsync(new Dictionary<string, string>(), extraArguments);

    public static Task<RadAnonServer> StartAsync(IReadOnlyDictionary<string, string> environment, params string[] extraArguments) =>
        StartGatedAsync(environment, [], "health/ready", extraArguments);

    /// <summary>
    /// Starts a server that is expected not to be ready (waits for /health/live only), optionally with some shared
    /// libraries made unloadable for it alone: in a private mount namespace (<c>unshare -m</c>) each is
    /// bind-mounted over by /dev/null, as if its Debian package were missing.
    /// </summary>
    public static Task<RadAnonServer> StartDegradedAsync(IReadOnlyList<string> hiddenLibraries, params string[] extraArguments) =>
        StartGatedAsync(new Dictionary<string, string>(), hiddenLibraries, "health/live", extraArguments);

    private static async Task<RadAnonServer> StartGatedAsync(IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> hiddenLibraries, string waitFor, string[] extraArguments)
    {
        await StartGate.WaitAsync().ConfigureAwait(false);
        try
        {
            return await StartOneAsync(environment, hiddenLibraries, waitFor, extraArguments).ConfigureAwait(false);
        }
        finally
        {
            StartGate.Release();
        }
    }

    /// <summary>Whether this machine lets us make a private mount namespace (root with CAP_SYS_ADMIN).</summary>
    public static bool CanHideLibraries { get; } = OperatingSystem.IsLinux() && ExternalTool.Exists("unshare")
        && ExternalTool.Run("unshare", ["-m", "true"], TimeSpan.FromSeconds(10)).ExitCode == 0;

    private static async Task<RadAnonServer> StartOneAsync(IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> hiddenLibraries, string waitFor, string[] extraArguments)
    {
        var port = FreePort();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "radanon-e2e-" + Guid.NewGuid().ToString("n")[..8]);
        Directory.CreateDirectory(dataDirectory);
        var radanon = Path.Combine(Repository.Root, "radanon");
        var psi = new ProcessStartInfo(hiddenLibraries.Count == 0 ? radanon : "unshare")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            psi.Environment[name] = value;
        }

        if (hiddenLibraries.Count > 0)
        {
            // unshare -m sh -c 'mount --bind /dev/null LIB; ...; exec "$0" "$@"' ./radanon serve ...
            var mounts = string.Concat(hiddenLibraries.Select(l => $"mount --bind /dev/null '{l}' && "));
            foreach (var a in (string[])["-m", "sh", "-c", mounts + "exec \"$0\" \"$@\"", radanon])
            {
                psi.ArgumentList.Add(a);
            }
        }

        foreach (var a in (string[])["serve", "--urls", $"http://127.0.0.1:{port}", "--RadAnon:DataDirectory", dataDirectory, .. extraArguments])
        {
            psi.ArgumentList.Add(a);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start ./radanon serve");
        var server = new RadAnonServer(process, new Uri($"http://127.0.0.1:{port}/"), dataDirectory);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilAnswersAsync(waitFor).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
        lock (_output)
        {
            _log?.Dispose();
            _log = null;
            _disposed = true;
        }

        File.Delete(LogPath);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // The ledger file of a process killed a moment ago; the temp directory is cleaned by the OS later.
        }
    }

    private async Task WaitUntilAnswersAsync(string healthPath)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        string last = "no answer yet";
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"./radanon serve exited with {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(healthPath, UriKind.Relative)).ConfigureAwait(false);
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}";
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException ex)
            {
                last = ex.Message;
            }

            await Task.Delay(500).ConfigureAwait(false);
        }

        throw new TimeoutException($"/{healthPath} did not answer 200 within {StartTimeout} (last: {last}):\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            // Keep the tail only: request logs of a long run are not interesting, the last lines are.
            if (_output.Length > 64 * 1024)
            {
                _output.Remove(0, 32 * 1024);
            }

            _output.AppendLine(line);

            // Every line, untrimmed, for scans of what the server logged (deleted on dispose). Shared for reading, so a
            // scan while the server logs never throws here, on the thread that drains the server's stdout.
            if (_disposed)
            {
                return;
            }

            _log ??= new StreamWriter(new FileStream(LogPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
            _log.WriteLine(line);
        }
    }

    /// <summary>Everything the server wrote to stdout and stderr since it started.</summary>
    public string LogPath => DataDirectory + ".log";

    /// <summary>Posts a raw body (no multipart) and returns what came back, whatever the status.</summary>
    public async Task<RawResponse> PostAsync(string endpoint, byte[] body, string mediaType)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(3) };
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        using var response = await client.PostAsync(new Uri(endpoint, UriKind.Relative), content).ConfigureAwait(false);
        var reportId = response.Headers.TryGetValues("RadAnon-Report-Id", out var ids) ? ids.First() : null;
        var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        return new RawResponse((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? "-", bytes, reportId);
    }

    /// <summary>The log so far, read while the server may still be writing it.</summary>
    public byte[] ReadLog()
    {
        using var stream = new FileStream(LogPath, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One answer of the server: status, media type, body and the report id header when there is one.</summary>
public sealed record RawResponse(int Status, string MediaType, byte[] Body, string? ReportId)
{
    /// <summary>The RFC 9457 problem's type, or null when the answer is not a problem.</summary>
    public string? ProblemType => MediaType == "application/problem+json" ? Problem.GetProperty("type").GetString() : null;

    public System.Text.Json.JsonElement Problem
    {
        get
        {
            Assert.Equal("application/problem+json", MediaType);
            using var doc = System.Text.Json.JsonDocument.Parse(Body);
            return doc.RootElement.Clone();
        }
    }
}
