using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using RadAnon.TestSupport;
using Xunit.Abstractions;

namespace RadAnon.E2E.Tests;

/// <summary>The page without a mouse, and the axe rules, in each state the educator sees.</summary>
[Collection(E2ECollection.Name)]
public sealed partial class AccessibilityTests
{
    private const int Seed = 7;

    private readonly E2EFixture _fixture;
    private readonly ITestOutputHelper _output;

    public AccessibilityTests(E2EFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [ToolFact(E2EFixture.Chromium, RequiresCorpus = false)]
    public async Task Keyboard_PickReviewVetoAnonymizeDownload_WithoutAMouse()
    {
        var page = await _fixture.NewPageAsync();
        var consoleErrors = PageFlowTests.RecordConsoleErrors(page);
        await page.GotoAsync("/");
        var path = Path.Combine(Path.GetTempPath(), $"synthetic_{Seed:D4}_{Guid.NewGuid():n}.png");
        var inputPng = GrayPixels.SyntheticPng(Seed);
        await File.WriteAllBytesAsync(path, inputPng);
        var input = GrayPixels.Decode(inputPng);
        try
        {
            // Tab from the top of the page to the file picker; Space opens the chooser.
            var stops = await TabUntilAsync(page, "#file");
            Assert.Contains(stops, s => s.Id == "file");
            Assert.Equal("Choose a file…", stops.Last().Name);
            await AssertFocusRingVisibleAsync(page, "label[for=file]");
            var chooser = await OpenChooserWithSpaceAsync(page);
            var analyzed = await page.RunAndWaitForResponseAsync(
                () => chooser.SetFilesAsync(path),
                r => r.Url.EndsWith("/api/v1/analyze", StringComparison.Ordinal) && r.Request.Method == "POST");
            var (regions, _) = PageFlowTests.ReadAnalysis(await analyzed.BodyAsync());
            await page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Keep region 1:") }).WaitForAsync();

            // Every control after the picker is reachable with Tab and has a name; tick the first "Keep region".
            var firstKeep = await TabUntilAsync(page, "#regions input[type=checkbox]:not([disabled])");
            page.Dialog += async (_, dialog) => await dialog.AcceptAsync(); // keeping identifying text asks first (issue 20)
            await page.Keyboard.PressAsync("Space");
            Assert.True(await page.Locator("*:focus").IsCheckedAsync());

            // The keyboard alternative to dragging a box: type its corner and size, Enter adds it.
            var added = PageFlowTests.FreeBox(input.Width, input.Height, regions.Select(r => r.Box).ToList());
            var toAddBox = await TabUntilAsync(page, "#box-x");
            foreach (var value in new[] { added.X, added.Y, added.Width, added.Height })
            {
                await page.Keyboard.TypeAsync(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                await page.Keyboard.PressAsync("Tab");
            }

            await page.Keyboard.PressAsync("Enter");
            await page.GetByRole(AriaRole.Button, new() { Name = "Remove added box 1" }).WaitForAsync();
            var toAnonymize = await TabUntilAsync(page, "#anonymize");
            await page.Keyboard.PressAsync("Enter");
            await page.GetByRole(AriaRole.Link, new() { Name = "Download image" }).WaitForAsync();
            var toDownload = await TabUntilAsync(page, "#download-image");
            var download = await page.RunAndWaitForDownloadAsync(() => page.Keyboard.PressAsync("Enter"));
            Assert.EndsWith(".png", download.SuggestedFilename, StringComparison.Ordinal);
            var outputPath = Path.Combine(E2EFixture.ArtifactsDirectory, "keyboard-output-" + download.SuggestedFilename);
            await download.SaveAsAsync(outputPath);
            var output = GrayPixels.Decode(await File.ReadAllBytesAsync(outputPath));
            Assert.True(GrayPixels.ChangedFraction(input, output, added) > 0.3, $"the box typed in, {added}, should be redacted");
            var toReport = await TabUntilAsync(page, "#download-report");
            await page.ScreenshotAsync(new() { Path = Path.Combine(E2EFixture.ArtifactsDirectory, "keyboard-done.png"), FullPage = true });

            var all = stops.Concat(firstKeep).Concat(toAddBox).Concat(toAnonymize).Concat(toDownload).Concat(toReport).ToList();
            foreach (var stop in all)
            {
                _output.WriteLine(stop.ToString());
            }

            Assert.All(all, s => Assert.False(string.IsNullOrWhiteSpace(s.Name), $"{s} has no accessible name"));
            foreach (var id in new[] { "profile", "format", "box-x", "anonymize", "download-report" })
            {
                Assert.Contains(all, s => s.Id == id);
            }

            Assert.Empty(consoleErrors);
        }
        finally
        {
            File.Delete(path);
            await page.Context.CloseAsync();
        }
    }

    [ToolFact(E2EFixture.Chromium, RequiresCorpus = false)]
    public async Task Axe_NoSeriousOrCriticalViolations_Empty_Reviewing_AndAfterAnError()
    {
        var page = await _fixture.NewPageAsync();
        await page.GotoAsync("/");
        var path = Path.Combine(Path.GetTempPath(), $"synthetic_{Seed:D4}_{Guid.NewGuid():n}.png");
        await File.WriteAllBytesAsync(path, GrayPixels.SyntheticPng(Seed));
        var problems = new List<string>();
        try
        {
            problems.AddRange(await SeriousViolationsAsync(page, "empty"));

            await page.Locator("#file").SetInputFilesAsync(path);
            await page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Keep region 1:") }).WaitForAsync();
            problems.AddRange(await SeriousViolationsAsync(page, "reviewing"));

            await page.GetByRole(AriaRole.Button, new() { Name = "Anonymize" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Download image" }).WaitForAsync();
            problems.AddRange(await SeriousViolationsAsync(page, "anonymized"));

            await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = "not an image"u8.ToArray() });
            await page.GetByRole(AriaRole.Alert).WaitForAsync();
            problems.AddRange(await SeriousViolationsAsync(page, "error"));
        }
        finally
        {
            File.Delete(path);
            await page.Context.CloseAsync();
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private async Task<IEnumerable<string>> SeriousViolationsAsync(IPage page, string state)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(E2EFixture.ArtifactsDirectory, $"axe-{state}.png"), FullPage = true });
        var result = await page.RunAxe();
        foreach (var v in result.Violations)
        {
            _output.WriteLine($"{state}: {v.Impact} {v.Id}: {v.Help} ({v.Nodes.Length} nodes)");
        }

        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{state}: {v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}");
    }

    /// <summary>Presses Tab until the focus is on an element matching the selector; returns every stop on the way.</summary>
    private static async Task<List<FocusStop>> TabUntilAsync(IPage page, string selector)
    {
        var stops = new List<FocusStop>();
        for (var i = 0; i < 60; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = page.Locator("*:focus");
            if (await focused.CountAsync() == 0)
            {
                continue;
            }

            var snapshot = await focused.AriaSnapshotAsync();
            stops.Add(new FocusStop(
                await focused.EvaluateAsync<string>("e => e.id || e.tagName.toLowerCase() + (e.type ? '[type=' + e.type + ']' : '')"),
                AccessibleName(snapshot),
                snapshot));
            if (await focused.EvaluateAsync<bool>("(e, s) => e.matches(s)", selector))
            {
                return stops;
            }
        }

        throw new InvalidOperationException($"Tab never reached {selector}; stops: {string.Join(", ", stops)}");
    }

    /// <summary>The name Chromium's accessibility tree gives the element, read from its ARIA snapshot ("- role \"name\"").</summary>
    private static string AccessibleName(string snapshot)
    {
        var match = SnapshotName().Match(snapshot);
        return match.Success ? match.Groups[1].Value : string.Empty;
    }

    private static async Task AssertFocusRingVisibleAsync(IPage page, string selector)
    {
        var outline = await page.Locator(selector).EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle");
        Assert.NotEqual("none", outline);
    }

    // A line with a colon in it is quoted as YAML: - 'checkbox "Keep region 2: date …"'.
    [GeneratedRegex("^- '?[a-z]+ \"((?:[^\"\\\\]|\\\\.)*)\"", RegexOptions.Multiline)]
    private static partial Regex SnapshotName();

    private sealed record FocusStop(string Id, string Name, string Snapshot);

    /// <summary>
    /// Space on the focused file input opens the chooser. On a loaded machine Chromium sometimes drops the first key
    /// event before the input has settled, so a second Space is allowed (the chooser must still open from the keyboard).
    /// </summary>
    private static async Task<IFileChooser> OpenChooserWithSpaceAsync(IPage page)
    {
        try
        {
            return await page.RunAndWaitForFileChooserAsync(() => page.Keyboard.PressAsync("Space"), new() { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            return await page.RunAndWaitForFileChooserAsync(() => page.Keyboard.PressAsync("Space"), new() { Timeout = 45_000 });
        }
    }
}
