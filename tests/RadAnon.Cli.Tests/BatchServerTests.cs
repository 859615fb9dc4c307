using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RadAnon.Api.Tests;
using RadAnon.Dicom;

namespace RadAnon.Cli.Tests;

/// <summary>`radanon anonymize --server URL`: the same batch sent to a real RadAnon server on a loopback Kestrel port.</summary>
[Collection("batch")]
public sealed class BatchServerTests(BatchFixture batch)
{
    private const string ApiKey = "cli-batch-test-api-key";

    [Fact]
    public void Server_WritesTheSameOutputNamesAsLocal_DicomParses_FailuresTyped_ResumeSkips_WrongApiKeyIsUnauthorized()
    {
        var port = FreePort();
        using var factory = new RadAnonFactory(new Dictionary<string, string?>
        {
            ["RadAnon:Security:ApiKeySha256:0"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey))),
            ["RadAnon:PseudonymKeyFile"] = batch.KeyFile,
        });
        factory.UseKestrel(port);
        factory.StartServer();
        var server = $"http://127.0.0.1:{port}";

        var input = BatchInputs.WriteMixedWithFailures(batch.NewDirectory("server-in"));
        var name = Path.GetFileName(input);
        var local = batch.NewDirectory("server-local");
        Assert.Equal(1, Cli.Run("anonymize", input, "-o", local, "--key", batch.KeyFile, "--force").ExitCode);
        var remote = batch.NewDirectory("server-remote");
        var run = Cli.Run("anonymize", input, "-o", remote, "--server", server, "--api-key", ApiKey, "--jobs", "2", "--force");
        Assert.True(run.ExitCode == 1, run.StandardError);

        Assert.Equal(Names(local), Names(remote));
        using (var dicom = DicomFile.Open(Path.Combine(remote, name, "good.dcm")))
        {
            Assert.StartsWith("2.25.", dicom.Dataset.GetString(DicomTags.StudyInstanceUID), StringComparison.Ordinal);
        }

        using (var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(remote, name, "good.report.json"))))
        {
            Assert.False(string.IsNullOrEmpty(report.RootElement.GetProperty("signature").GetString()));
            Assert.Equal("dicom", report.RootElement.GetProperty("report").GetProperty("inputKind").GetString());
        }

        var failures = Failures(remote);
        Assert.Equal("invalid-dicom", failures[name + "/corrupt.dcm"]);
        Assert.Equal("output-collision", failures[name + "/good.png"]);
        Assert.Matches("^[a-z-]+$", failures[name + "/notes.txt"]);
        Assert.DoesNotContain(failures.Values, t => t.StartsWith("http-", StringComparison.Ordinal));
        var summary = BatchFixture.Summary(remote);
        Assert.Equal(2, summary.GetProperty("anonymized").GetInt32());
        Assert.Equal(3, summary.GetProperty("failed").GetInt32());
        Assert.Equal(server + "/", summary.GetProperty("mode").GetString());

        var again = Cli.Run("anonymize", input, "-o", remote, "--server", server, "--api-key", ApiKey, "--force");
        Assert.True(again.ExitCode == 1, again.StandardError);
        Assert.Equal(2, BatchFixture.Summary(remote).GetProperty("skipped").GetInt32());

        var denied = batch.NewDirectory("server-denied");
        Assert.Equal(1, Cli.Run("anonymize", input, "-o", denied, "--server", server, "--api-key", "wrong").ExitCode);
        Assert.Equal("unauthorized", Failures(denied)[name + "/good.dcm"]);
    }

    private static List<string> Names(string directory) => Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(directory, f)).Order(StringComparer.Ordinal).ToList();

    private static Dictionary<string, string> Failures(string directory) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "failures.json"))).RootElement.EnumerateArray()
            .ToDictionary(f => f.GetProperty("input").GetString()!, f => f.GetProperty("type").GetString()!);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
