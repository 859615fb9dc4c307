using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RadAnon.TestSupport;

namespace RadAnon.E2E.Tests;

/// <summary>The interactive API reference (Scalar) renders under its Content-Security-Policy, with nothing blocked.</summary>
[Collection(E2ECollection.Name)]
public sealed class ApiDocsTests
{
    private readonly E2EFixture _fixture;

    public ApiDocsTests(E2EFixture fixture)
    {
        _fixture = fixture;
    }

    [ToolFact(E2EFixture.Chromium, RequiresCorpus = false)]
    public async Task ScalarReference_RendersTheOperations_WithoutAnyContentSecurityPolicyViolation()
    {
        var page = await _fixture.NewPageAsync();
        var errors = PageFlowTests.RecordConsoleErrors(page);
        try
        {
            var response = await page.GotoAsync("/scalar/");
            Assert.NotNull(response);
            var csp = await response.HeaderValueAsync("content-security-policy") ?? string.Empty;
            Assert.Matches(new Regex("script-src 'self' 'sha256-[A-Za-z0-9+/=]+'"), csp);
            Assert.DoesNotMatch(new Regex("script-src[^;]*unsafe"), csp);

            await page.GetByText("Anonymize one DICOM, PNG or JPEG image").First.WaitForAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(E2EFixture.ArtifactsDirectory, "api-reference.png") });
            Assert.DoesNotContain(errors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
