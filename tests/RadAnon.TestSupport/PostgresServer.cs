using System.Net;
using System.Net.Sockets;

namespace RadAnon.TestSupport;

/// <summary>
/// A throwaway PostgreSQL cluster on a free loopback port, created with Debian's initdb/pg_ctl under the
/// postgres user (initdb refuses root), and removed on dispose. `./radanon test` installs the postgresql package.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string _directory;
    private readonly string _pgCtl;

    public PostgresServer()
    {
        var bin = FindBinDirectory() ?? throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)");
        _pgCtl = Path.Combine(bin, "pg_ctl");
        Port = FreePort();
        _directory = Path.Combine(Path.GetTempPath(), "radanon-pg-" + Guid.NewGuid().ToString("n")[..8]);
        Directory.CreateDirectory(_directory);
        AsPostgres("chown", "postgres", _directory);
        Check(AsPostgres(Path.Combine(bin, "initdb"), "-D", Path.Combine(_directory, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8"), "initdb");
        Check(AsPostgres(_pgCtl, "-D", Path.Combine(_directory, "data"), "-l", Path.Combine(_directory, "log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off", "start"), "pg_ctl start");
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=true;Timeout=10";

    /// <summary>True when this machine can run the server (binaries present and the postgres user exists).</summary>
    public static bool IsAvailable => FindBinDirectory() is not null && File.ReadAllText("/etc/passwd").Contains("\npostgres:", StringComparison.Ordinal);

    public void Dispose()
    {
        AsPostgres(_pgCtl, "-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop");
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a stopping backend: the temp directory is cleaned by the OS later.
        }
    }

    private static string? FindBinDirectory() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
            : null;

    private static ToolResult AsPostgres(string program, params string[] arguments) =>
        program == "chown"
            ? ExternalTool.Run("chown", ["-R", .. arguments])
            : ExternalTool.Run("runuser", ["-u", "postgres", "--", program, .. arguments], TimeSpan.FromMinutes(2));

    private static void Check(ToolResult result, string step)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{step} failed ({result.ExitCode}): {result.StandardError}{result.StandardOutput}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
