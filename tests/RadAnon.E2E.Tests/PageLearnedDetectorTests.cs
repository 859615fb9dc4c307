using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RadAnon.TestSupport;
using Xunit.Abstractions;

namespace RadAnon.E2E.Tests;

/// <summary>The page says, per region, whether the learned text detector saw text there, and which rule decided it.</summary>
[Collection(E2ECollection.Name)]
public sealed class PageLearnedDetectorTests
{
    private const int Seed = 3;
    private readonly E2EFixture _fixture;
    private readonly ITestOutputHelper _output;

    public PageLearnedDetectorTests(E2EFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [ToolFact(E2EFixture.Chromium, RequiresCorpus = false)]
    public async Task Page_ListsWhichRegionsTheLearnedDetectorSaw_AsTheAnalysisSays()
    {
        var page = await _fixture.NewPageAsync();
        await page.GotoAsync("/");
        var inputPath = Path.Combine(Path.GetTempPath(), $"learned_{Guid.NewGuid():n}.png");
        await File.WriteAllBytesAsync(inputPath, GrayPixels.SyntheticPng(Seed));
        try
        {
            var analyze = await page.RunAndWaitForResponseAsync(
                () => page.Locator("#file").SetInputFilesAsync(inputPath),
                r => r.Url.EndsWith("/api/v1/analyze", StringComparison.Ordinal) && r.Request.Method == "POST");
            await page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Keep region 1:") }).WaitForAsync();
            using var json = System.Text.Json.JsonDocument.Parse(await analyze.BodyAsync());
            var learned = json.RootElement.GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("learned").GetBoolean()).ToList();
            _output.WriteLine($"{learned.Count} regions, {learned.Count(l => l)} seen by the learned detector");

            var shown = await page.Locator("#regions li[data-learned]").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.learned)");

            Assert.Equal(learned.Select(l => l ? "true" : "false"), shown);
            Assert.Contains(true, learned);
            Assert.Equal(learned.Count(l => l), await page.GetByText("seen by the learned text detector").CountAsync());
        }
        finally
        {
            File.Delete(inputPath);
            await page.Context.CloseAsync();
        }
    }
}
