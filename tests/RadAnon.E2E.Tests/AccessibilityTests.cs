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
        await File.WriteAllBytesAsync(path, GrayPixels.SyntheticPng(Seed));
        try
        {
            // Tab from the top of the page to the file picker; Space opens the chooser.
            var stops = await TabUntilAsync(page, "#file");
            Assert.Contains(stops, s => s.Id == "file");
            Assert.Equal("Choose a file…", stops.Last().Name);
            await AssertFocusRingVisibleAsync(page, "label[for=file]");
            var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Keyboard.PressAsync("Space"));
            await chooser.SetFilesAsync(path);
            await page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Keep region 1:") }).WaitForAsync();

            // Every control after the picker is reachable with Tab and has a name; tick the first "Keep region".
            var firstKeep = await TabUntilAsync(page, "#regions input[type=checkbox]:not([disabled])");
            await page.Keyboard.PressAsync("Space");
            Assert.True(await page.Locator("*:focus").IsCheckedAsync());
            var toAnonymize = await TabUntilAsync(page, "#anonymize");
            await page.Keyboard.PressAsync("Enter");
            await page.GetByRole(AriaRole.Link, new() { Name = "Download image" }).WaitForAsync();
            var toDownload = await TabUntilAsync(page, "#download-image");
            var download = await page.RunAndWaitForDownloadAsync(() => page.Keyboard.PressAsync("Enter"));
            Assert.EndsWith(".png", download.SuggestedFilename, StringComparison.Ordinal);
            await page.ScreenshotAsync(new() { Path = Path.Combine(E2EFixture.ArtifactsDirectory, "keyboard-done.png"), FullPage = true });

            var all = stops.Concat(firstKeep).Concat(toAnonymize).Concat(toDownload).ToList();
            foreach (var stop in all)
            {
                _output.WriteLine(stop.ToString());
            }

            Assert.All(all, s => Assert.False(string.IsNullOrWhiteSpace(s.Name), $"{s} has no accessible name"));
            foreach (var id in new[] { "profile", "format", "anonymize", "download-report" })
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

            stops.Add(new FocusStop(
                await focused.EvaluateAsync<string>("e => e.id || e.tagName.toLowerCase()"),
                await AccessibleNameAsync(focused)));
            if (await focused.EvaluateAsync<bool>("(e, s) => e.matches(s)", selector))
            {
                return stops;
            }
        }

        throw new InvalidOperationException($"Tab never reached {selector}; stops: {string.Join(", ", stops)}");
    }

    /// <summary>The name Chromium's accessibility tree gives the element, read from its ARIA snapshot ("- role \"name\"").</summary>
    private static async Task<string> AccessibleNameAsync(ILocator element)
    {
        var snapshot = await element.AriaSnapshotAsync();
        var match = SnapshotName().Match(snapshot);
        return match.Success ? match.Groups[1].Value : string.Empty;
    }

    private static async Task AssertFocusRingVisibleAsync(IPage page, string selector)
    {
        var outline = await page.Locator(selector).EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle");
        Assert.NotEqual("none", outline);
    }

    [GeneratedRegex("^- [a-z]+ \"((?:[^\"\\\\]|\\\\.)*)\"", RegexOptions.Multiline)]
    private static partial Regex SnapshotName();

    private sealed record FocusStop(string Id, string Name);
}
