using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RadAnon.TestSupport;
using Xunit.Abstractions;

namespace RadAnon.E2E.Tests;

/// <summary>The educator's flow on the real page: pick, review, veto one region, add one box, anonymize, download.</summary>
[Collection(E2ECollection.Name)]
public sealed class PageFlowTests
{
    private const int Seed = 7;

    private readonly E2EFixture _fixture;
    private readonly ITestOutputHelper _output;

    public PageFlowTests(E2EFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [ToolFact(E2EFixture.Chromium, RequiresCorpus = false)]
    public async Task Page_BurnOverlaysTicked_SentWithReviewAndAnonymize_UntickedByDefault()
    {
        var page = await _fixture.NewPageAsync();

        // The options travel as the multipart field "options" beside the file; Chromium does not hand file uploads' bodies
        // to the test, so the page's own fetch records that field as it sends it.
        await page.AddInitScriptAsync("""
            window.__sent = [];
            const send = window.fetch;
            window.fetch = (url, init) => {
              if (init && init.body instanceof FormData) window.__sent.push(String(url) + " " + init.body.get("options"));
              return send(url, init);
            };
            """);
        await page.GotoAsync("/");
        var box = page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^draw them into the image first") });
        Assert.False(await box.IsCheckedAsync());

        var inputPath = Path.Combine(Path.GetTempPath(), $"overlay_{Guid.NewGuid():n}.png");
        await File.WriteAllBytesAsync(inputPath, GrayPixels.SyntheticPng(Seed));
        try
        {
            await page.Locator("#file").SetInputFilesAsync(inputPath);
            await page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Keep region 1:") }).WaitForAsync();
            await box.CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Find text" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Anonymize" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Download image" }).WaitForAsync();

            var sent = await page.EvaluateAsync<string[]>("() => window.__sent");
            _output.WriteLine(string.Join("\n", sent.Select(x => x[..x.IndexOf(' ', StringComparison.Ordinal)])));
            Assert.Equal(3, sent.Length);
            Assert.Contains("/api/v1/analyze", sent[0], StringComparison.Ordinal);
            Assert.Contains("\"burnOverlays\":false", sent[0], StringComparison.Ordinal);
            Assert.Contains("/api/v1/analyze", sent[1], StringComparison.Ordinal);
            Assert.Contains("\"burnOverlays\":true", sent[1], StringComparison.Ordinal);
            Assert.Contains("/api/v1/anonymize", sent[2], StringComparison.Ordinal);
            Assert.Contains("\"burnOverlays\":true", sent[2], StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(inputPath);
            await page.Context.CloseAsync();
        }
    }

    [ToolFact(E2EFixture.Chromium, RequiresCorpus = false)]
    public async Task Page_VetoOneRegion_AddOneBox_DownloadKeepsVetoedPixels_AndRedactsTheRest()
    {
        var page = await _fixture.NewPageAsync();
        var consoleErrors = RecordConsoleErrors(page);
        await page.GotoAsync("/");

        var inputPng = GrayPixels.SyntheticPng(Seed);
        var inputPath = Path.Combine(Path.GetTempPath(), $"synthetic_{Seed:D4}_{Guid.NewGuid():n}.png");
        await File.WriteAllBytesAsync(inputPath, inputPng);
        var input = GrayPixels.Decode(inputPng);
        try
        {
            var analyzeResponse = await page.RunAndWaitForResponseAsync(
                () => page.Locator("#file").SetInputFilesAsync(inputPath),
                r => r.Url.EndsWith("/api/v1/analyze", StringComparison.Ordinal) && r.Request.Method == "POST");
            Assert.Equal(200, analyzeResponse.Status);
            var (regions, previewScale) = ReadAnalysis(await analyzeResponse.BodyAsync());
            await page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Keep region 1:") }).WaitForAsync();
            _output.WriteLine(string.Join("\n", regions.Select(r => r.ToString())));
            Assert.StartsWith($"Found {regions.Count} text regions", await page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);

            var removable = regions.Where(r => r.Removable).ToList();
            Assert.True(removable.Count >= 2, $"seed {Seed} should give at least two removable regions; got {regions.Count} regions");
            var vetoed = removable.First(r => !regions.Any(o => o != r && o.Box.Intersects(r.Box.Inflate(24))));
            var others = removable.Where(r => r != vetoed).ToList();

            // Veto: tick "Keep region N" in the list; a region read as identifying asks first (issue 20), and the educator says yes.
            page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
            await page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex($"^Keep region {vetoed.Index + 1}:") }).CheckAsync();

            // Add: drag a box on the canvas over plain anatomy, away from every detected region.
            var added = FreeBox(input.Width, input.Height, regions.Select(r => r.Box).ToList());
            await DragOnCanvasAsync(page, added, previewScale);
            await page.GetByRole(AriaRole.Button, new() { Name = "Remove added box 1" }).WaitForAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(E2EFixture.ArtifactsDirectory, "flow-1-review.png"), FullPage = true });

            await page.GetByRole(AriaRole.Button, new() { Name = "Anonymize" }).ClickAsync();
            var downloadLink = page.GetByRole(AriaRole.Link, new() { Name = "Download image" });
            await downloadLink.WaitForAsync();
            Assert.StartsWith("Done.", await page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
            var download = await page.RunAndWaitForDownloadAsync(() => downloadLink.ClickAsync());
            var outputPath = Path.Combine(E2EFixture.ArtifactsDirectory, "flow-output-" + download.SuggestedFilename);
            await download.SaveAsAsync(outputPath);
            await page.ScreenshotAsync(new() { Path = Path.Combine(E2EFixture.ArtifactsDirectory, "flow-2-after.png"), FullPage = true });

            Assert.EndsWith(".png", download.SuggestedFilename, StringComparison.Ordinal);
            var output = GrayPixels.Decode(await File.ReadAllBytesAsync(outputPath));
            Assert.Equal((input.Width, input.Height), (output.Width, output.Height));
            Assert.Equal(0, GrayPixels.ChangedFraction(input, output, vetoed.Box));
            foreach (var r in others)
            {
                var changed = GrayPixels.ChangedFraction(input, output, r.Box);
                _output.WriteLine($"region {r.Index + 1}: {changed:P0} of pixels changed");
                Assert.True(changed > 0.3, $"region {r.Index + 1} {r.Box} should be redacted; only {changed:P0} of its pixels changed");
            }

            // The page rounds canvas pixels to image pixels; the box's interior is certainly inside what was sent.
            var addedChanged = GrayPixels.ChangedFraction(input, output, added.Inflate(-4));
            _output.WriteLine($"added box: {addedChanged:P0} of pixels changed");
            Assert.True(addedChanged > 0.3, $"the added box {added} should be redacted; only {addedChanged:P0} of its pixels changed");
            Assert.Empty(consoleErrors);
        }
        finally
        {
            File.Delete(inputPath);
            await page.Context.CloseAsync();
        }
    }

    [ToolFact(E2EFixture.Chromium, RequiresCorpus = false)]
    public async Task Page_NonImageUpload_ShowsProblemTitleAndDetail_InTheAlert()
    {
        var notImage = "name,dob\nDOE^JOHN,19700101\n"u8.ToArray();
        var (title, detail) = await ProblemFromServerAsync(notImage);
        var page = await _fixture.NewPageAsync();
        await page.GotoAsync("/");
        var path = Path.Combine(Path.GetTempPath(), $"notes_{Guid.NewGuid():n}.csv");
        await File.WriteAllBytesAsync(path, notImage);
        try
        {
            await page.Locator("#file").SetInputFilesAsync(path);
            var alert = page.GetByRole(AriaRole.Alert);
            await alert.WaitForAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(E2EFixture.ArtifactsDirectory, "error-non-image.png"), FullPage = true });
            var text = await alert.InnerTextAsync();
            Assert.Contains(title, text, StringComparison.Ordinal);
            Assert.Contains(detail, text, StringComparison.Ordinal);
            Assert.Contains("415", text, StringComparison.Ordinal);
            Assert.Equal(0, await page.Locator("#regions").GetByRole(AriaRole.Checkbox).CountAsync());
        }
        finally
        {
            File.Delete(path);
            await page.Context.CloseAsync();
        }
    }

    [ToolFact(E2EFixture.Chromium, RequiresCorpus = false)]
    public async Task Page_ChangingTheMarkerOption_AnalysesAgain_AndMarkersAreNoLongerKept()
    {
        var page = await _fixture.NewPageAsync();
        await page.GotoAsync("/");
        try
        {
            await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "synthetic.png", MimeType = "image/png", Buffer = GrayPixels.SyntheticPng(Seed) });
            await page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Keep region 1:") }).WaitForAsync();
            Assert.True(await page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("kept as a marker$") }).CountAsync() > 0, $"seed {Seed} has side markers");

            var again = await page.RunAndWaitForResponseAsync(
                () => page.GetByRole(AriaRole.Radio, new() { Name = "remove", Exact = true }).CheckAsync(),
                r => r.Url.EndsWith("/api/v1/analyze", StringComparison.Ordinal));
            Assert.Equal(200, again.Status);
            await page.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = new Regex("Found [0-9]+ text region") }).WaitForAsync();
            Assert.Equal(0, await page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("kept as a marker$") }).CountAsync());
            Assert.Equal(0, await page.Locator("#regions input:disabled").CountAsync());
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>Regression: a drag released outside the canvas was lost (no pointer capture) or gave negative coordinates.</summary>
    [ToolFact(E2EFixture.Chromium, RequiresCorpus = false)]
    public async Task Page_DragEndingOutsideTheCanvas_AddsABoxClampedToTheImage()
    {
        var page = await _fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "synthetic.png", MimeType = "image/png", Buffer = GrayPixels.SyntheticPng(Seed) });
        await page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Keep region 1:") }).WaitForAsync();
        try
        {
            var canvas = page.Locator("#canvas");
            await canvas.ScrollIntoViewIfNeededAsync();
            var bounds = await canvas.BoundingBoxAsync() ?? throw new InvalidOperationException("the canvas is not visible");
            var top = Math.Max(bounds.Y, 0) + 40;
            await page.Mouse.MoveAsync(bounds.X + bounds.Width - 60, top);
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(bounds.X + bounds.Width + 80, top + 60, new() { Steps = 8 });
            await page.Mouse.UpAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Remove added box 1" }).WaitForAsync();

            var response = await page.RunAndWaitForResponseAsync(
                () => page.GetByRole(AriaRole.Button, new() { Name = "Anonymize" }).ClickAsync(),
                r => r.Url.EndsWith("/api/v1/anonymize", StringComparison.Ordinal));
            Assert.Equal(200, response.Status);

            // The report lists the box the server received as a caller region: inside the image, reaching its right edge.
            var added = await CallerRegionsAsync(await response.HeaderValueAsync("RadAnon-Report-Id") ?? throw new InvalidOperationException("no report id"));
            var box = Assert.Single(added);
            Assert.InRange(box.X + box.Width, 1000, 1024);
            Assert.InRange(box.Width, 40, 200);
            await page.GetByRole(AriaRole.Link, new() { Name = "Download image" }).WaitForAsync();
            Assert.False(await page.GetByRole(AriaRole.Alert).IsVisibleAsync());
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private async Task<List<Box>> CallerRegionsAsync(string reportId)
    {
        using var client = new HttpClient { BaseAddress = _fixture.Server.BaseAddress };
        using var report = JsonDocument.Parse(await client.GetStringAsync(new Uri("api/v1/reports/" + reportId, UriKind.Relative)));
        var found = new List<Box>();
        void Walk(JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                if (e.TryGetProperty("category", out var c) && c.ValueKind == JsonValueKind.String && c.GetString() == "caller-region")
                {
                    found.Add(new Box(e.GetProperty("x").GetInt32(), e.GetProperty("y").GetInt32(), e.GetProperty("width").GetInt32(), e.GetProperty("height").GetInt32()));
                }

                foreach (var p in e.EnumerateObject())
                {
                    Walk(p.Value);
                }
            }
            else if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in e.EnumerateArray())
                {
                    Walk(item);
                }
            }
        }

        Walk(report.RootElement);
        return found;
    }

    /// <summary>The same upload straight to the API: the page must show what the server said, not its own words.</summary>
    private async Task<(string Title, string Detail)> ProblemFromServerAsync(byte[] content)
    {
        using var client = new HttpClient { BaseAddress = _fixture.Server.BaseAddress };
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "notes.csv");
        using var response = await client.PostAsync(new Uri("api/v1/analyze", UriKind.Relative), form);
        Assert.Equal(415, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (problem.RootElement.GetProperty("title").GetString()!, problem.RootElement.GetProperty("detail").GetString()!);
    }

    internal static List<string> RecordConsoleErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                {
                    errors.Add($"{message.Text} ({message.Location})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (errors)
            {
                errors.Add(error);
            }
        };
        return errors;
    }

    internal static (List<Region> Regions, double PreviewScale) ReadAnalysis(byte[] analysisJson)
    {
        using var doc = JsonDocument.Parse(analysisJson);
        var regions = doc.RootElement.GetProperty("regions").EnumerateArray().Select((r, i) => new Region(
            i,
            new Box(r.GetProperty("x").GetInt32(), r.GetProperty("y").GetInt32(), r.GetProperty("width").GetInt32(), r.GetProperty("height").GetInt32()),
            r.GetProperty("category").GetString()!,
            r.GetProperty("action").GetString()!)).ToList();
        return (regions, doc.RootElement.GetProperty("previewScale").GetDouble());
    }

    /// <summary>A 120 × 90 box nearest the image centre (over the synthetic body) that keeps 40 px from every region.</summary>
    internal static Box FreeBox(int width, int height, IReadOnlyList<Box> regions)
    {
        var candidates =
            from y in Enumerable.Range(0, (height - 90) / 10)
            from x in Enumerable.Range(0, (width - 120) / 10)
            let box = new Box(x * 10, y * 10, 120, 90)
            where !regions.Any(r => r.Inflate(40).Intersects(box))
            orderby Math.Abs(box.X + 60 - (width / 2)) + Math.Abs(box.Y + 45 - (height / 2))
            select box;
        return candidates.First();
    }

    /// <summary>Drags from one corner of an image-pixel box to the other, converting through the preview scale and CSS size.</summary>
    private static async Task DragOnCanvasAsync(IPage page, Box box, double previewScale)
    {
        var canvas = page.Locator("#canvas");
        var bounds = await canvas.BoundingBoxAsync() ?? throw new InvalidOperationException("the canvas is not visible");
        var intrinsicWidth = await canvas.EvaluateAsync<double>("c => c.width");
        var k = previewScale * bounds.Width / intrinsicWidth;

        // Mouse events only reach what is inside the viewport: bring the box's centre to the middle of the window.
        var viewport = page.ViewportSize ?? throw new InvalidOperationException("no viewport");
        var centreY = bounds.Y + ((box.Y + (box.Height / 2.0)) * k);
        await page.EvaluateAsync("dy => window.scrollBy(0, dy)", centreY - (viewport.Height / 2.0));
        bounds = await canvas.BoundingBoxAsync() ?? bounds;
        await page.Mouse.MoveAsync((float)(bounds.X + (box.X * k)), (float)(bounds.Y + (box.Y * k)));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)(bounds.X + ((box.X + box.Width) * k)), (float)(bounds.Y + ((box.Y + box.Height) * k)), new() { Steps = 8 });
        await page.Mouse.UpAsync();
    }

    internal sealed record Region(int Index, Box Box, string Category, string Action)
    {
        /// <summary>What the page offers to keep: everything the server would not keep anyway (markers).</summary>
        public bool Removable => Action != "kept" && Category != "marker-kept";
    }
}
