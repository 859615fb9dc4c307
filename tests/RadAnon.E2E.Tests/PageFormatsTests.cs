using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RadAnon.SyntheticData;
using RadAnon.TestSupport;
using Xunit.Abstractions;

namespace RadAnon.E2E.Tests;

/// <summary>
/// A DICOM and a JPEG through the real page: what an educator downloads is the format asked for, with the input's
/// geometry, the identifying text painted over and no canary left anywhere in the file. Outputs are read back by
/// independent decoders (pydicom, libvips), never by our own reader.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class PageFormatsTests
{
    private const int Seed = 7;
    private const string Canary = "QXPAGECANARY";

    private readonly E2EFixture _fixture;
    private readonly ITestOutputHelper _output;

    public PageFormatsTests(E2EFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [ToolFact(E2EFixture.Chromium, ExternalTool.SystemPython, RequiresCorpus = false)]
    public async Task Page_DicomUpload_DownloadsDicom_WithCleanHeader_SameGeometry_IdentifyingTextRedacted_AndShowsTheAfterView()
    {
        var synthetic = RadiographGenerator.Generate(Seed, new GeneratorOptions { BitsStored = 12 });
        var header = SyntheticHeaders.ComputedRadiography(Canary, "DOE" + Canary + "^JOHN", "PID" + Canary);
        var input = SyntheticFiles.Dicom(synthetic.Image, header);

        var page = await _fixture.NewPageAsync();
        var consoleErrors = PageFlowTests.RecordConsoleErrors(page);
        try
        {
            await page.GotoAsync("/");
            await page.Locator("#format").SelectOptionAsync("dicom");
            await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "case.dcm", MimeType = "application/dicom", Buffer = input });
            await page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Keep region 1:") }).WaitForAsync();
            Assert.Contains("header", await page.Locator("#header-summary").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);

            var download = await AnonymizeAndDownloadAsync(page);
            Assert.EndsWith(".dcm", download.Name, StringComparison.Ordinal);

            // A browser cannot show DICOM: the After view is the server's rendering of the downloaded file.
            await page.Locator("#after-figure").WaitForAsync(new() { State = WaitForSelectorState.Visible });
            Assert.StartsWith("data:image/png;base64,", await page.Locator("#after").GetAttributeAsync("src"), StringComparison.Ordinal);
            var natural = await page.Locator("#after").EvaluateAsync<int[]>("img => [img.naturalWidth, img.naturalHeight]");
            Assert.Equal(synthetic.Image.Width / (double)synthetic.Image.Height, natural[0] / (double)natural[1], 2);
            Assert.DoesNotContain(Canary, Encoding.Latin1.GetString(download.Bytes), StringComparison.Ordinal);

            var read = ReadWithPydicom(download.Bytes);
            Assert.Equal((synthetic.Image.Width, synthetic.Image.Height), (read.Width, read.Height));
            Assert.Equal("NO", read.BurnedInAnnotation);
            Assert.Equal("YES", read.PatientIdentityRemoved);
            foreach (var truth in synthetic.Truth.Where(t => t.Identifying))
            {
                var changed = ChangedFraction(synthetic.Image, read.Pixels, truth);
                _output.WriteLine($"{truth.Kind} {truth.Width}x{truth.Height}: {changed:P0} changed");
                Assert.True(changed > 0.3, $"identifying {truth.Kind} text at ({truth.X},{truth.Y}) should be redacted; {changed:P0} of its pixels changed");
            }

            Assert.Empty(consoleErrors);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [ToolFact(E2EFixture.Chromium, RequiresCorpus = false)]
    public async Task Page_JpegUpload_SameType_DownloadsJpeg_WithoutComment_SameGeometry_AndShowsTheAfterView()
    {
        var synthetic = RadiographGenerator.Generate(Seed);
        var input = SyntheticFiles.Jpeg(synthetic.Image, comment: "Patient DOE " + Canary);

        var page = await _fixture.NewPageAsync();
        var consoleErrors = PageFlowTests.RecordConsoleErrors(page);
        try
        {
            await page.GotoAsync("/");
            await page.Locator("#format").SelectOptionAsync("same");
            await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "case.jpg", MimeType = "image/jpeg", Buffer = input });
            await page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Keep region 1:") }).WaitForAsync();

            var download = await AnonymizeAndDownloadAsync(page);
            Assert.Matches(new Regex(@"\.jpe?g$"), download.Name);
            Assert.Equal((byte)0xFF, download.Bytes[0]);
            Assert.Equal((byte)0xD8, download.Bytes[1]);
            Assert.DoesNotContain(Canary, Encoding.Latin1.GetString(download.Bytes), StringComparison.Ordinal);
            Assert.True(await page.GetByRole(AriaRole.Img, new() { Name = "The anonymized image" }).IsVisibleAsync(), "the After view shows a JPEG output");

            var before = GrayPixels.Decode(input);
            var after = GrayPixels.Decode(download.Bytes);
            Assert.Equal((before.Width, before.Height), (after.Width, after.Height));

            // JPEG re-encoding moves every pixel a little, so compare mean differences, not changed counts.
            var untouched = PageFlowTests.FreeBox(before.Width, before.Height, synthetic.Truth.Select(t => new Box(t.X, t.Y, t.Width, t.Height)).ToList());
            var noise = MeanDifference(before, after, untouched);
            _output.WriteLine($"text-free area: mean difference {noise:0.0}");
            Assert.True(noise < 4, $"a text-free area should survive re-encoding nearly unchanged; mean difference {noise:0.0}");
            foreach (var truth in synthetic.Truth.Where(t => t.Identifying))
            {
                var moved = MeanDifference(before, after, new Box(truth.X, truth.Y, truth.Width, truth.Height));
                _output.WriteLine($"{truth.Kind} {truth.Width}x{truth.Height}: mean difference {moved:0.0}");
                Assert.True(moved > 3 * Math.Max(noise, 1), $"identifying {truth.Kind} text at ({truth.X},{truth.Y}) should be redacted; mean difference {moved:0.0}");
            }

            Assert.Empty(consoleErrors);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static async Task<(string Name, byte[] Bytes)> AnonymizeAndDownloadAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Anonymize" }).ClickAsync();
        var link = page.GetByRole(AriaRole.Link, new() { Name = "Download image" });
        await link.WaitForAsync();
        Assert.StartsWith("Done.", await page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var path = Path.Combine(E2EFixture.ArtifactsDirectory, "formats-output-" + download.SuggestedFilename);
        await download.SaveAsAsync(path);
        return (download.SuggestedFilename, await File.ReadAllBytesAsync(path));
    }

    /// <summary>pydicom (Debian, the system interpreter) reads the file: geometry, two attributes and the stored values.</summary>
    private static (int Width, int Height, string BurnedInAnnotation, string PatientIdentityRemoved, ushort[] Pixels) ReadWithPydicom(byte[] dicom)
    {
        var dir = Directory.CreateTempSubdirectory("radanon-e2e-");
        try
        {
            var file = Path.Combine(dir.FullName, "out.dcm");
            var raw = Path.Combine(dir.FullName, "pixels.u16");
            File.WriteAllBytes(file, dicom);
            const string Script = """
                import sys, pydicom
                ds = pydicom.dcmread(sys.argv[1])
                open(sys.argv[2], 'wb').write(ds.pixel_array.astype('<u2').tobytes())
                print(ds.Columns, ds.Rows, ds.get('BurnedInAnnotation', '-'), ds.get('PatientIdentityRemoved', '-'))
                """;
            var result = ExternalTool.Run(ExternalTool.SystemPython, ["-c", Script, file, raw]);
            Assert.True(result.ExitCode == 0, "pydicom could not read the download: " + result.StandardError);
            var fields = result.StandardOutput.Trim().Split(' ');
            var bytes = File.ReadAllBytes(raw);
            var pixels = new ushort[bytes.Length / 2];
            Buffer.BlockCopy(bytes, 0, pixels, 0, bytes.Length);
            return (int.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), fields[2], fields[3], pixels);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static double ChangedFraction(RadAnon.Core.Pixels.GrayImage before, ushort[] after, TruthBox box)
    {
        var changed = 0;
        for (var y = box.Y; y < box.Y + box.Height; y++)
        {
            for (var x = box.X; x < box.X + box.Width; x++)
            {
                changed += before[x, y] != after[(y * before.Width) + x] ? 1 : 0;
            }
        }

        return (double)changed / Math.Max(1, box.Width * box.Height);
    }

    private static double MeanDifference(GrayPixels a, GrayPixels b, Box box)
    {
        long sum = 0;
        for (var y = box.Y; y < box.Y + box.Height; y++)
        {
            for (var x = box.X; x < box.X + box.Width; x++)
            {
                sum += Math.Abs(a[x, y] - b[x, y]);
            }
        }

        return (double)sum / Math.Max(1, box.Width * box.Height);
    }
}
