using System.Text;
using System.Text.Json;
using RadAnon.Dicom;
using RadAnon.TestSupport;

namespace RadAnon.Api.Tests.Security;

/// <summary>
/// Issue 20 finding 1: a veto over identifying burned-in text made a false "clean" claim (pixelsCleaned true,
/// BurnedInAnnotation NO) while the name and date stayed readable in the output.
/// </summary>
public sealed class VetoHonestyTests : IClassFixture<RadAnonFactoryFixture>
{
    private const string WholeImageVeto = "{\"regions\":{\"veto\":[{\"x\":0,\"y\":0,\"width\":100000,\"height\":100000}]}}";

    private readonly RadAnonFactory _factory;

    public VetoHonestyTests(RadAnonFactoryFixture fixture)
    {
        _factory = fixture.Factory;
    }

    [ToolFact("tesseract")]
    public async Task VetoOverIdentifyingText_Dicom_IsNotClean_AndKeepsBurnedInAnnotation()
    {
        using var client = _factory.CreateClient();
        var image = TestImages.Radiograph();
        using var response = await client.PostAsync("/api/v1/anonymize", Http.Form(TestImages.Dicom(image), "application/dicom", WholeImageVeto));

        var output = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.IsSuccessStatusCode, Encoding.UTF8.GetString(output));
        using (var file = DicomFile.Read(output))
        {
            Assert.NotEqual("NO", file.Dataset.GetString(DicomTags.BurnedInAnnotation));
        }

        var report = await ReportAsync(client, response);
        AssertVetoedIdentifying(report);
    }

    [ToolFact("tesseract")]
    public async Task VetoOverIdentifyingText_Png_IsNotClean_WithBoxesAndCategories()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/api/v1/anonymize", Http.Form(TestImages.Png(TestImages.Radiograph()), "image/png", WholeImageVeto));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        var report = await ReportAsync(client, response);
        AssertVetoedIdentifying(report);
        Assert.DoesNotContain(TestImages.Canary, report.GetRawText(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The E2E probe's image: OCR reads its burned-in name and date as unreadable, so nothing vetoed was "identifying";
    /// a whole-image veto must still not be claimed clean, because those regions cannot be verified.
    /// </summary>
    [ToolFact("tesseract")]
    public async Task VetoOverTextOcrCannotRead_IsNotClean_TheRegionsAreUnverified()
    {
        var image = RadAnon.SyntheticData.RadiographGenerator.Generate(11, new RadAnon.SyntheticData.GeneratorOptions { Width = 512, Height = 600, BitsStored = 8, MinTextLines = 1, MaxTextLines = 1 }).Image;
        RadAnon.SyntheticData.SyntheticFiles.BurnText(image, "NOWAKZQPROBECANARY 19700101", 16, 20, 28, backing: false, antialiased: false);
        var header = RadAnon.SyntheticData.SyntheticHeaders.ComputedRadiography("ZQPROBECANARY", "NOWAKZQPROBECANARY^ANNA", "IDZQPROBECANARY", "CHEST", "1.2.826.0.1.3680043.2.1125.97");
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/api/v1/anonymize", Http.Form(RadAnon.SyntheticData.SyntheticFiles.Dicom(image, header), "application/dicom", WholeImageVeto));
        var output = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.IsSuccessStatusCode, Encoding.UTF8.GetString(output));
        using (var file = DicomFile.Read(output))
        {
            Assert.Equal("YES", file.Dataset.GetString(DicomTags.BurnedInAnnotation));
        }

        var report = await ReportAsync(client, response);
        Assert.False(report.GetProperty("pixelsCleaned").GetBoolean());
        var vetoed = report.GetProperty("pixels").GetProperty("vetoedIdentifying");
        Assert.True(vetoed.GetProperty("count").GetInt32() + vetoed.GetProperty("residualWords").GetInt32() + vetoed.GetProperty("unverified").GetInt32() > 0, vetoed.GetRawText());
    }

    [ToolFact("tesseract")]
    public async Task NoVeto_StaysClean_WithAnEmptyVetoReport()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/api/v1/anonymize", Http.Raw(TestImages.Png(TestImages.Radiograph()), "image/png"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        var report = await ReportAsync(client, response);
        Assert.True(report.GetProperty("pixelsCleaned").GetBoolean());
        var vetoed = report.GetProperty("pixels").GetProperty("vetoedIdentifying");
        Assert.Equal(0, vetoed.GetProperty("count").GetInt32());
        Assert.Equal(0, vetoed.GetProperty("residualWords").GetInt32());
        Assert.Equal(0, vetoed.GetProperty("unverified").GetInt32());
    }

    private static void AssertVetoedIdentifying(JsonElement report)
    {
        Assert.False(report.GetProperty("pixelsCleaned").GetBoolean());
        Assert.False(report.GetProperty("forced").GetBoolean());
        var vetoed = report.GetProperty("pixels").GetProperty("vetoedIdentifying");
        var count = vetoed.GetProperty("count").GetInt32();
        Assert.True(count >= 1, vetoed.GetRawText());
        Assert.Equal(count, vetoed.GetProperty("regions").GetArrayLength());
        foreach (var region in vetoed.GetProperty("regions").EnumerateArray())
        {
            Assert.Contains(region.GetProperty("category").GetString(), new[] { "header-match", "date", "id", "name" });
            Assert.True(region.GetProperty("width").GetInt32() > 0 && region.GetProperty("height").GetInt32() > 0);
        }

        Assert.Contains(report.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("vetoed region(s) were classified as identifying", StringComparison.Ordinal));
    }

    private static async Task<JsonElement> ReportAsync(HttpClient client, HttpResponseMessage response)
    {
        var id = Assert.Single(response.Headers.GetValues("RadAnon-Report-Id"));
        using var report = await client.GetAsync($"/api/v1/reports/{id}");
        Assert.True(report.IsSuccessStatusCode);
        return (await Http.JsonAsync(report)).GetProperty("report");
    }
}
