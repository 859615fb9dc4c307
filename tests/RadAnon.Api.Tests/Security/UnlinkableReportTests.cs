using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RadAnon.Core.Provenance;
using RadAnon.Core.Provenance.Ledger;
using RadAnon.Dicom.Data;
using RadAnon.SyntheticData;

namespace RadAnon.Api.Tests.Security;

/// <summary>
/// Issue 20 finding 2: reports carried the plain SHA-256 of the identifiable original and private creator strings read
/// from the file; the ledger was world-readable; any client could search any report by hash.
/// </summary>
public sealed class UnlinkableReportTests
{
    private const string CreatorCanary = "ZZCANARY JOHN SMITH";

    [Fact]
    public async Task Report_CarriesAKeyedInputHash_NeverThePlainSha256_NorAPrivateCreator()
    {
        var input = DicomWithCanaryCreator();
        using var first = new RadAnonFactory(NoPixels());
        using var second = new RadAnonFactory(NoPixels());
        var (report1, _) = await AnonymizeAsync(first, input);
        var (report1Again, _) = await AnonymizeAsync(first, input);
        var (report2, _) = await AnonymizeAsync(second, input);

        var plain = Convert.ToHexStringLower(SHA256.HashData(input));
        Assert.False(report1.TryGetProperty("inputSha256", out _));
        Assert.DoesNotContain(plain, report1.GetRawText(), StringComparison.Ordinal);
        var hmac = report1.GetProperty("inputHmacSha256").GetString();
        Assert.Matches("^[0-9a-f]{64}$", hmac);
        Assert.Equal(hmac, report1Again.GetProperty("inputHmacSha256").GetString());
        Assert.NotEqual(hmac, report2.GetProperty("inputHmacSha256").GetString());
        Assert.NotEqual(report1.GetProperty("inputKeyId").GetString(), report2.GetProperty("inputKeyId").GetString());

        var creators = report1.GetProperty("header").GetProperty("removedPrivateTags");
        Assert.Contains(creators.EnumerateObject(), p => p.Name.StartsWith("0011:hmac:", StringComparison.Ordinal));
        Assert.DoesNotContain("ZZCANARY", report1.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("ACME", report1.GetRawText(), StringComparison.Ordinal);
        foreach (var file in Directory.EnumerateFiles(first.DataDirectory, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain("ZZCANARY", Encoding.Latin1.GetString(File.ReadAllBytes(file)), StringComparison.Ordinal);
            Assert.DoesNotContain(plain, Encoding.Latin1.GetString(File.ReadAllBytes(file)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Replicas_SharingTheSigningKey_AgreeOnTheKeyedInputHash()
    {
        var input = DicomWithCanaryCreator();
        using var first = new RadAnonFactory(NoPixels());
        var (report1, _) = await AnonymizeAsync(first, input);
        using var replica = new RadAnonFactory(new Dictionary<string, string?>(NoPixels())
        {
            ["RadAnon:SigningKeyPath"] = Path.Combine(first.DataDirectory, "signing-key.pem"),
        });
        var (report2, _) = await AnonymizeAsync(replica, input);

        Assert.Equal(report1.GetProperty("inputHmacSha256").GetString(), report2.GetProperty("inputHmacSha256").GetString());
        Assert.Equal(report1.GetProperty("inputKeyId").GetString(), report2.GetProperty("inputKeyId").GetString());
    }

    [Fact]
    public async Task LedgerAndKeyFiles_AreOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes; Windows keeps its ACLs
        }

        using var factory = new RadAnonFactory(NoPixels());
        await AnonymizeAsync(factory, DicomWithCanaryCreator());

        Assert.Equal(OwnerOnlyFiles.DirectoryMode, File.GetUnixFileMode(factory.DataDirectory));
        foreach (var name in new[] { "ledger.db", "signing-key.pem" })
        {
            Assert.Equal(OwnerOnlyFiles.FileMode, File.GetUnixFileMode(Path.Combine(factory.DataDirectory, name)));
        }

        // A report key of its own, when configured, is created owner-only in an owner-only folder.
        var keyPath = Path.Combine(factory.DataDirectory, "keys", "report-key.bin");
        Assert.Equal(32, ReportKey.LoadOrCreate(keyPath) is { IsEphemeral: false } ? new FileInfo(keyPath).Length : 0);
        Assert.Equal(OwnerOnlyFiles.FileMode, File.GetUnixFileMode(keyPath));
        Assert.Equal(OwnerOnlyFiles.DirectoryMode, File.GetUnixFileMode(Path.GetDirectoryName(keyPath)!));

        foreach (var wal in Directory.EnumerateFiles(factory.DataDirectory, "ledger.db-*"))
        {
            Assert.Equal(OwnerOnlyFiles.FileMode, File.GetUnixFileMode(wal));
        }
    }

    [Fact]
    public async Task SearchByHash_FindsOnlyTheCreatingKeysReports_OrAllForAnAdminKey()
    {
        using var factory = new RadAnonFactory(new Dictionary<string, string?>(NoPixels())
        {
            ["RadAnon:Security:ApiKeySha256:0"] = Digest("key-a"),
            ["RadAnon:Security:ApiKeySha256:1"] = Digest("key-b"),
            ["RadAnon:Security:AdminKeySha256:0"] = Digest("key-admin"),
        });
        var (report, output) = await AnonymizeAsync(factory, DicomWithCanaryCreator(), "key-a");
        var sha = Convert.ToHexStringLower(SHA256.HashData(output));
        var id = report.GetProperty("reportId").GetString();

        Assert.Equal(1, await CountFoundAsync(factory, sha, "key-a"));
        Assert.Equal(0, await CountFoundAsync(factory, sha, "key-b"));
        Assert.Equal(1, await CountFoundAsync(factory, sha, "key-admin"));

        // A report by id, and verify, stay readable by any allowed caller: they link nothing.
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", "key-b");
        using var byId = await client.GetAsync($"/api/v1/reports/{id}");
        Assert.True(byId.IsSuccessStatusCode);
    }

    [Fact]
    public async Task ExistingLedger_IsMigrated_OldReportsWithholdTheirPlainHash_AndTheChainStillVerifies()
    {
        using var factory = new RadAnonFactory(NoPixels());
        var legacy = WriteSchemaOneLedger(factory.DataDirectory);

        using var client = factory.CreateClient();
        var (_, output) = await AnonymizeAsync(factory, DicomWithCanaryCreator());
        Assert.NotEmpty(output);

        var old = await Http.JsonAsync(await client.GetAsync($"/api/v1/reports/{legacy}"));
        Assert.False(old.GetProperty("report").TryGetProperty("inputSha256", out _));
        Assert.Equal("inputSha256", Assert.Single(old.GetProperty("withheld").EnumerateArray()).GetString());

        var ledger = factory.Services.GetRequiredService<ILedger>();
        var verification = await LedgerVerifier.VerifyAsync(ledger, factory.Services.GetRequiredService<ReportSigner>(), CancellationToken.None);
        Assert.True(verification.Valid, verification.Problem);
        Assert.Equal(2, verification.Entries);
        var entries = new List<LedgerEntry>();
        await foreach (var entry in ledger.ReadAllAsync(CancellationToken.None))
        {
            entries.Add(entry);
        }

        Assert.Contains("inputSha256", entries[0].ReportJson, StringComparison.Ordinal);
        Assert.Contains("inputHmacSha256", entries[1].ReportJson, StringComparison.Ordinal);
    }

    /// <summary>A ledger as schema version 1 wrote it, with one signed report that still holds inputSha256.</summary>
    private static string WriteSchemaOneLedger(string dataDirectory)
    {
        using var signer = ReportSigner.LoadOrCreate(Path.Combine(dataDirectory, "signing-key.pem"));
        var report = CanonicalJson.ToBytes(System.Text.Json.Nodes.JsonNode.Parse("{\"inputKind\":\"png\",\"inputSha256\":\"" + new string('a', 64) + "\",\"pixelsCleaned\":true}")!);
        var id = "0123456789abcdef0123456789abcdef";
        var created = LedgerChain.Normalise(DateTimeOffset.UtcNow);
        var reportSha = Convert.ToHexStringLower(SHA256.HashData(report));
        var signature = signer.Sign(report);
        var output = new string('b', 64);
        var entryHash = LedgerChain.EntryHash(1, id, created, output, reportSha, signature, LedgerChain.Genesis);
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "ledger.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE radanon_schema (version INTEGER NOT NULL); INSERT INTO radanon_schema VALUES (1);
            CREATE TABLE ledger_entries (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, created_utc TEXT NOT NULL, output_sha256 TEXT NOT NULL,
                report_sha256 TEXT NOT NULL, previous_hash TEXT NOT NULL, entry_hash TEXT NOT NULL UNIQUE, signature TEXT NOT NULL, key_id TEXT NOT NULL,
                report_json TEXT NOT NULL);
            CREATE INDEX ix_ledger_entries_output ON ledger_entries (output_sha256);
            INSERT INTO ledger_entries VALUES (1, @id, @created, @output, @report, @previous, @entry, @signature, @key, @json);
            """;
        command.Parameters.AddWithValue("@id", id);
        command.Parameters.AddWithValue("@created", created.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("@output", output);
        command.Parameters.AddWithValue("@report", reportSha);
        command.Parameters.AddWithValue("@previous", LedgerChain.Genesis);
        command.Parameters.AddWithValue("@entry", entryHash);
        command.Parameters.AddWithValue("@signature", signature);
        command.Parameters.AddWithValue("@key", signer.KeyId);
        command.Parameters.AddWithValue("@json", Encoding.UTF8.GetString(report));
        command.ExecuteNonQuery();
        SqliteConnection.ClearAllPools();
        return id;
    }

    private static async Task<int> CountFoundAsync(RadAnonFactory factory, string sha, string key)
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", key);
        using var response = await client.GetAsync($"/api/v1/reports?sha256={sha}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await Http.JsonAsync(response)).GetArrayLength();
    }

    private static async Task<(JsonElement Report, byte[] Output)> AnonymizeAsync(RadAnonFactory factory, byte[] input, string? key = null)
    {
        using var client = factory.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-API-Key", key);
        }

        using var response = await client.PostAsync("/api/v1/anonymize?profile=basic", Http.Raw(input, "application/dicom"));
        var output = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.IsSuccessStatusCode, Encoding.UTF8.GetString(output));
        var id = Assert.Single(response.Headers.GetValues("RadAnon-Report-Id"));
        using var report = await client.GetAsync($"/api/v1/reports/{id}");
        return ((await Http.JsonAsync(report)).GetProperty("report"), output);
    }

    /// <summary>A CR object whose private block's creator holds a name.</summary>
    private static byte[] DicomWithCanaryCreator()
    {
        var header = SyntheticHeaders.ComputedRadiography(TestImages.Canary, "DOE^JANE", "ID1", "CHEST", "1.2.826.0.1.3680043.2.1125.98");
        header.AddOrUpdate(new DicomTag(0x0011, 0x0010), DicomVR.LO, CreatorCanary);
        header.AddOrUpdate(new DicomTag(0x0011, 0x1001), DicomVR.LO, "private value");
        return SyntheticFiles.Dicom(TestImages.Radiograph(64, 64), header);
    }

    /// <summary>The basic profile cleans no pixels, so these tests need no OCR.</summary>
    private static Dictionary<string, string?> NoPixels() => new() { ["RadAnon:Security:RequestsPerMinute"] = "0" };

    private static string Digest(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
