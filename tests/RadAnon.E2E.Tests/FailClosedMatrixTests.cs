using System.Text.Json;
using RadAnon.Core.Provenance;
using RadAnon.Core.Provenance.Ledger;
using RadAnon.SyntheticData;
using RadAnon.TestSupport;
using Xunit.Abstractions;

namespace RadAnon.E2E.Tests;

/// <summary>
/// The fail-closed matrix, injected from outside a real server: a native library missing (hidden in a private
/// mount namespace), Tesseract's language data missing, a frame that breaks mid-stream. Each time the answer is
/// a problem that names what failed, never an image, and nothing is recorded in the ledger.
/// </summary>
public sealed class FailClosedMatrixTests
{
    private const string Problems = "https://radanon.dev/problems/";
    private const string LibraryDirectory = "/usr/lib/x86_64-linux-gnu/";

    private readonly ITestOutputHelper _output;

    public FailClosedMatrixTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static TheoryData<string, string, string, int, string> MissingLibraries() => new()
    {
        // hidden library, input made with gdcmconv, what the problem must name, status, type.
        // libtesseract needs leptonica, which needs libopenjp2: without it OCR is what fails first, and says why.
        { "libopenjp2.so.7", "--j2k", "libopenjp2.so.7", 503, "ocr-unavailable" },
        { "libcharls.so.2", "--jpegls", "libcharls2", 415, "unsupported-pixel-data" },
        { "libtesseract.so.5", "--raw", "tesseract-ocr", 503, "ocr-unavailable" },
    };

    [MountNamespaceTheory("gdcmconv")]
    [MemberData(nameof(MissingLibraries))]
    public async Task NativeLibraryMissing_IsAProblemNamingThePackage_AndNoOutputIsRecorded(string library, string encoding, string package, int status, string type)
    {
        var input = GdcmEncoded(encoding);
        await using var server = await RadAnonServer.StartDegradedAsync([LibraryDirectory + library]);

        var (actualStatus, problem) = await PostAsync(server, input, "application/dicom");

        _output.WriteLine(problem.GetRawText());
        Assert.Equal((status, Problems + type), (actualStatus, problem.GetProperty("type").GetString()));
        Assert.Contains(package, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertLedgerIsEmptyAsync(server);
        if (library.StartsWith("libtesseract", StringComparison.Ordinal))
        {
            using var client = new HttpClient { BaseAddress = server.BaseAddress };
            using var ready = await client.GetAsync(new Uri("health/ready", UriKind.Relative));
            Assert.Equal(503, (int)ready.StatusCode);
        }
    }

    [ToolFact(RequiresCorpus = false)]
    public async Task LanguageDataMissing_Is503OcrUnavailable_AndNotReady()
    {
        var empty = Directory.CreateTempSubdirectory("radanon-tessdata-").FullName;
        try
        {
            await using var server = await RadAnonServer.StartDegradedAsync([], "--RadAnon:TessdataPath", empty);
            var image = RadiographGenerator.Generate(2, new GeneratorOptions { Width = 256, Height = 256, MinTextLines = 2, MaxTextLines = 2 }).Image;

            var (status, problem) = await PostAsync(server, SyntheticFiles.Png(image), "image/png");

            Assert.Equal((503, Problems + "ocr-unavailable"), (status, problem.GetProperty("type").GetString()));
            Assert.Contains("eng.traineddata", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            await AssertLedgerIsEmptyAsync(server);
            using var client = new HttpClient { BaseAddress = server.BaseAddress };
            using var ready = await client.GetAsync(new Uri("health/ready", UriKind.Relative));
            Assert.Equal(503, (int)ready.StatusCode);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    /// <summary>A JPEG lossless frame with a run of its entropy-coded bytes cut out (EOI still there): the decoder must stop.</summary>
    [ToolFact("gdcmconv", RequiresCorpus = false)]
    public async Task FrameBrokenMidStream_Is422_AndNoOutputIsRecorded()
    {
        var input = GdcmEncoded("--jpeg");
        var eoi = input.AsSpan().LastIndexOf([(byte)0xFF, (byte)0xD9]);
        var sos = input.AsSpan().LastIndexOf([(byte)0xFF, (byte)0xDA]);
        Assert.True(sos > 0 && eoi > sos + 4096, "gdcmconv --jpeg gave an unexpected stream");
        var middle = sos + ((eoi - sos) / 2);
        byte[] broken = [.. input.AsSpan(0, middle), .. input.AsSpan(middle + 2048)];
        FixFragmentLength(broken, sos, -2048);
        await using var server = await RadAnonServer.StartAsync();

        var (status, problem) = await PostAsync(server, broken, "application/dicom");

        _output.WriteLine(problem.GetRawText());
        Assert.Equal(422, status);
        Assert.StartsWith(Problems, problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        await AssertLedgerIsEmptyAsync(server);
    }

    /// <summary>The synthetic CR (12-bit, canary header) re-encoded by GDCM in the given transfer syntax.</summary>
    private static byte[] GdcmEncoded(string encoding)
    {
        var image = RadiographGenerator.Generate(4, new GeneratorOptions { Width = 320, Height = 384, BitsStored = 12, MinTextLines = 2, MaxTextLines = 3 }).Image;
        var native = SyntheticFiles.Dicom(image, SyntheticHeaders.ComputedRadiography("QXMATRIX", "DOE^JOHN", "777"));
        var dir = Directory.CreateTempSubdirectory("radanon-gdcm-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(dir, "in.dcm"), native);
            var result = ExternalTool.Run("gdcmconv", [encoding, Path.Combine(dir, "in.dcm"), Path.Combine(dir, "out.dcm")]);
            Assert.True(result.ExitCode == 0, "gdcmconv failed: " + result.StandardError);
            return File.ReadAllBytes(Path.Combine(dir, "out.dcm"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Shortens the item (FFFE,E000) that holds the fragment starting before <paramref name="inside"/>.</summary>
    private static void FixFragmentLength(byte[] file, int inside, int delta)
    {
        var item = file.AsSpan(0, inside).LastIndexOf([(byte)0xFE, (byte)0xFF, (byte)0x00, (byte)0xE0]);
        var length = BitConverter.ToUInt32(file, item + 4);
        BitConverter.GetBytes((uint)(length + delta)).CopyTo(file, item + 4);
    }

    private static async Task<(int Status, JsonElement Problem)> PostAsync(RadAnonServer server, byte[] body, string mediaType)
    {
        var response = await server.PostAsync("api/v1/anonymize", body, mediaType);
        return (response.Status, response.Problem);
    }

    /// <summary>The server's SQLite ledger holds no entry: nothing was recorded as anonymized.</summary>
    private static async Task AssertLedgerIsEmptyAsync(RadAnonServer server)
    {
        using var signer = ReportSigner.LoadOrCreate(Path.Combine(server.DataDirectory, "signing-key.pem"));
        await using var ledger = LedgerFactory.Create(null, server.DataDirectory, signer);
        Assert.Equal(0, await ledger.CountAsync(CancellationToken.None));
    }
}

/// <summary>
/// A theory that needs a private mount namespace to hide a library from one server. That is a capability of the
/// machine (root with CAP_SYS_ADMIN), not a package the test command could install, so without it the theory skips.
/// </summary>
public sealed class MountNamespaceTheoryAttribute : TheoryAttribute
{
    public MountNamespaceTheoryAttribute(params string[] tools)
    {
        var missing = tools.Where(t => !ExternalTool.Exists(t)).ToArray();
        if (missing.Length > 0 && !Repository.IsCI)
        {
            Skip = "needs " + string.Join(", ", missing) + " (installed by ./radanon test)";
        }
        else if (!RadAnonServer.CanHideLibraries)
        {
            Skip = "this machine does not allow a private mount namespace (unshare -m needs root with CAP_SYS_ADMIN)";
        }
    }
}
