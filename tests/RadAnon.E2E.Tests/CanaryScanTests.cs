using System.IO.Compression;
using System.Text;
using System.Text.Json;
using RadAnon.Core.Pixels;
using RadAnon.SyntheticData;
using RadAnon.TestSupport;
using Xunit.Abstractions;

namespace RadAnon.E2E.Tests;

/// <summary>
/// No PHI escapes: inputs seeded with unique canaries (names, IDs, descriptions, private tags, PNG text, JPEG comment,
/// burned-in pixels) go through every endpoint of a real server logging at Debug, and through the CLI; then every
/// byte the system wrote or answered is scanned for every canary in plain, UTF-16 and base64 forms, and the output
/// pixels are read back by OCR. The target is zero hits.
/// </summary>
public sealed class CanaryScanTests
{
    private readonly ITestOutputHelper _output;

    public CanaryScanTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [ToolFact("tesseract", "dcmj2pnm", RequiresCorpus = false)]
    public async Task EverythingWritten_LogsLedgerMetricsTempReportsProblemsOutputs_HoldsNoCanary()
    {
        var canaries = new Canaries();
        var work = Directory.CreateTempSubdirectory("radanon-canary-").FullName;
        var temp = Directory.CreateDirectory(Path.Combine(work, "tmp")).FullName;
        var artifacts = new List<(string Where, byte[] Bytes)>();
        try
        {
            var inputs = canaries.Inputs();
            var burnedInInput = OcrText(inputs["knee.png"], "png", work);
            Assert.True(burnedInInput.Contains(canaries.Pixels, StringComparison.Ordinal), $"control: OCR should read the burned-in {canaries.Pixels}; it read: {burnedInInput}");

            await using (var server = await RadAnonServer.StartAsync(
                new Dictionary<string, string> { ["TMPDIR"] = temp },
                "--Logging:LogLevel:Default", "Debug", "--RadAnon:TempDirectory", temp, "--RadAnon:Security:RequestsPerMinute", "0"))
            {
                using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(3) };
                foreach (var (name, bytes) in inputs)
                {
                    foreach (var endpoint in new[] { "api/v1/anonymize?force=true", "api/v1/anonymize/bundle?force=true", "api/v1/analyze", "api/v1/verify" })
                    {
                        var (status, mediaType, body, reportId) = await server.PostAsync(endpoint, bytes, MediaType(name));
                        _output.WriteLine($"{endpoint} {name}: {status} {mediaType}");
                        artifacts.AddRange(Unpack($"{endpoint} {name}", mediaType, body));
                        if (reportId is not null)
                        {
                            artifacts.Add(($"report {name}", await client.GetByteArrayAsync(new Uri("api/v1/reports/" + reportId, UriKind.Relative))));
                        }
                    }
                }

                var (batchStatus, batchType, batch, _) = await server.PostAsync("api/v1/anonymize/batch?force=true", Zip(inputs), "application/zip");
                Assert.Equal(200, batchStatus);
                artifacts.AddRange(Unpack("batch", batchType, batch));
                artifacts.Add(("metrics", await client.GetByteArrayAsync(new Uri("metrics", UriKind.Relative))));
                var log = server.ReadLog();
                artifacts.Add(("log", log));
                Assert.Contains("anonymized png", Encoding.UTF8.GetString(log), StringComparison.Ordinal);
                artifacts.AddRange(FilesUnder(server.DataDirectory, "data"));
                artifacts.AddRange(FilesUnder(temp, "temp"));

                // The outputs' pixels: OCR of every image the server returned must not read the burned-in canary.
                foreach (var (where, bytes) in artifacts.Where(a => a.Where.Contains("/anonymize?", StringComparison.Ordinal)).ToList())
                {
                    var text = OcrText(bytes, where.EndsWith(".dcm", StringComparison.Ordinal) ? "dcm" : "image", work);
                    artifacts.Add(("OCR of " + where, Encoding.UTF8.GetBytes(text)));
                }
            }

            artifacts.AddRange(RunCli(inputs, work));
            var hits = canaries.FindIn(artifacts);

            _output.WriteLine($"{artifacts.Count} artifacts, {artifacts.Sum(a => (long)a.Bytes.Length)} bytes scanned for {canaries.All.Count} canaries × 6 forms");
            Assert.True(hits.Count == 0, "canaries found:\n" + string.Join("\n", hits));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string MediaType(string name) => Path.GetExtension(name) switch
    {
        ".dcm" => "application/dicom",
        ".png" => "image/png",
        ".jpg" => "image/jpeg",
        _ => "application/octet-stream",
    };

    /// <summary>A response, and when it is a ZIP each of its entries uncompressed, named by where they came from.</summary>
    private static IEnumerable<(string Where, byte[] Bytes)> Unpack(string where, string mediaType, byte[] body)
    {
        yield return (where, body);
        if (mediaType == "application/zip")
        {
            using var zip = new ZipArchive(new MemoryStream(body), ZipArchiveMode.Read);
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                yield return ($"{where} → {entry.FullName}", copy.ToArray());
            }
        }
    }

    /// <summary>
    /// Every non-empty file below the directory. Empty ones hold nothing to find, and they include the runtime's IPC
    /// endpoints in TMPDIR (a diagnostics socket, debugger FIFOs) which cannot be read, or block when opened.
    /// </summary>
    private static IEnumerable<(string Where, byte[] Bytes)> FilesUnder(string directory, string label) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => new FileInfo(f).Length > 0)
            .Select(f => ($"{label}: {Path.GetRelativePath(directory, f)}", File.ReadAllBytes(f))).ToList();

    private static byte[] Zip(IReadOnlyDictionary<string, byte[]> inputs)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in inputs)
            {
                using var stream = zip.CreateEntry("case/" + name).Open();
                stream.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The CLI over the same inputs (a folder, a project key): its outputs, reports, summary, failures and console.</summary>
    private static IEnumerable<(string Where, byte[] Bytes)> RunCli(IReadOnlyDictionary<string, byte[]> inputs, string work)
    {
        var folder = Directory.CreateDirectory(Path.Combine(work, "cli-in")).FullName;
        foreach (var (name, bytes) in inputs)
        {
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
        }

        var key = Path.Combine(work, "project.key");
        File.WriteAllText(key, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        var output = Path.Combine(work, "cli-out");
        var result = ExternalTool.Run(Path.Combine(Repository.Root, "radanon"), ["anonymize", folder, "-o", output, "--key", key, "--force"], TimeSpan.FromMinutes(10));
        Assert.True(result.ExitCode is 0 or 1, $"radanon anonymize exited {result.ExitCode}: {result.StandardError}");
        return [("cli stdout", Encoding.UTF8.GetBytes(result.StandardOutput)), ("cli stderr", Encoding.UTF8.GetBytes(result.StandardError)), .. FilesUnder(output, "cli")];
    }

    /// <summary>Tesseract's reading of an image (a DICOM is rendered to PNG by dcmtk first); empty when it is not an image.</summary>
    private static string OcrText(byte[] file, string kind, string work)
    {
        var path = Path.Combine(work, "ocr-" + Guid.NewGuid().ToString("n"));
        File.WriteAllBytes(path, file);
        if (kind == "dcm")
        {
            var rendered = ExternalTool.Run("dcmj2pnm", ["+on", "+Wm", path, path + ".png"]);
            if (rendered.ExitCode != 0)
            {
                return string.Empty;
            }

            path += ".png";
        }

        // Sparse-text segmentation (psm 11) finds scattered annotations that page layout analysis skips.
        var ocr = ExternalTool.Run("tesseract", [path, "stdout", "--psm", "11"]);
        return ocr.ExitCode == 0 ? ocr.StandardOutput : string.Empty;
    }

    /// <summary>One unique canary per place PHI can hide, and the inputs that carry them.</summary>
    private sealed class Canaries
    {
        public string Name { get; } = Make();

        public string Id { get; } = Make();

        public string Description { get; } = Make();

        public string Private { get; } = Make();

        public string PngText { get; } = Make();

        public string JpegComment { get; } = Make();

        /// <summary>Burned into the pixels: digits, which OCR reads reliably where random consonants are a gamble.</summary>
        public string Pixels { get; } = "QZ" + System.Security.Cryptography.RandomNumberGenerator.GetInt32(10_000_000, 100_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

        public IReadOnlyList<string> All => [Name, Id, Description, Private, PngText, JpegComment, Pixels];

        public IReadOnlyDictionary<string, byte[]> Inputs()
        {
            var header = SyntheticHeaders.ComputedRadiography(Private, "DOE" + Name + "^JOHN", "PID" + Id, "CHEST " + Description);
            var dicom = SyntheticFiles.Dicom(Image(12), header);
            var eight = Image(8);
            return new Dictionary<string, byte[]>(StringComparer.Ordinal)
            {
                ["chest.dcm"] = dicom,
                ["knee.png"] = SyntheticFiles.Png(eight, author: "Dr " + PngText),
                ["hand.jpg"] = SyntheticFiles.Jpeg(eight, comment: "Patient " + JpegComment),
                ["broken.dcm"] = HostileFiles.Truncated(dicom, 15),
                ["notes.png"] = Encoding.UTF8.GetBytes($"name: {Name}\nid: {Id}\n"),
            };
        }

        private GrayImage Image(int bits)
        {
            var image = RadiographGenerator.Generate(21, new GeneratorOptions { Width = 640, Height = 640, BitsStored = bits, MinTextLines = 2, MaxTextLines = 2 }).Image;
            SyntheticFiles.BurnText(image, Pixels, 40, 40, 40);
            return image;
        }

        /// <summary>Every artifact in which any canary appears, in any of its forms.</summary>
        public List<string> FindIn(IEnumerable<(string Where, byte[] Bytes)> artifacts)
        {
            var forms = All.SelectMany(c => Forms(c).Select(f => (Canary: c, Form: f.Name, Bytes: f.Bytes))).ToList();
            var hits = new List<string>();
            foreach (var (where, bytes) in artifacts)
            {
                var upper = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(bytes).ToUpperInvariant());
                foreach (var form in forms)
                {
                    var haystack = form.Form.StartsWith("base64", StringComparison.Ordinal) ? bytes : upper;
                    if (haystack.AsSpan().IndexOf(form.Bytes) >= 0)
                    {
                        hits.Add($"{form.Canary} ({form.Form}) in {where}");
                    }
                }
            }

            return hits;
        }

        private static IEnumerable<(string Name, byte[] Bytes)> Forms(string canary)
        {
            yield return ("plain", Encoding.ASCII.GetBytes(canary));
            yield return ("utf-16le", Encoding.Unicode.GetBytes(canary));
            yield return ("utf-16be", Encoding.BigEndianUnicode.GetBytes(canary));
            for (var shift = 0; shift < 3; shift++)
            {
                // The base64 characters that depend only on the canary, whatever precedes it in the encoded stream.
                var encoded = Convert.ToBase64String([.. new byte[shift], .. Encoding.ASCII.GetBytes(canary)]);
                var stable = encoded[(shift == 0 ? 0 : 4)..^4];
                yield return ($"base64+{shift}", Encoding.ASCII.GetBytes(stable));
            }
        }

        private static string Make()
        {
            const string Letters = "BCDFGHJKLMNPQRSTVWXZ";
            return "QZ" + new string([.. Enumerable.Range(0, 10).Select(_ => Letters[System.Security.Cryptography.RandomNumberGenerator.GetInt32(Letters.Length)])]);
        }
    }
}
