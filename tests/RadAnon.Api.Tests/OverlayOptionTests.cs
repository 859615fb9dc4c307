using System.Text;
using System.Text.Json;
using RadAnon.Api.Problems;
using RadAnon.Dicom;
using RadAnon.Dicom.Data;

namespace RadAnon.Api.Tests;

/// <summary>burnOverlays through HTTP: as a query parameter and in the options JSON; bad values and hostile planes are problems.</summary>
public sealed class OverlayOptionTests : IClassFixture<RadAnonFactoryFixture>
{
    private readonly RadAnonFactory _factory;

    public OverlayOptionTests(RadAnonFactoryFixture fixture)
    {
        _factory = fixture.Factory;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BurnOverlays_AsQueryOrJson_BurnsTheOverlayAndReportsThePlane(bool json)
    {
        using var client = _factory.CreateClient();
        var input = WithOverlay(dataBytes: 8);
        using var response = json
            ? await client.PostAsync("/api/v1/anonymize", Http.Form(input, "application/dicom", "{\"profile\":\"basic\",\"burnOverlays\":true}"))
            : await client.PostAsync("/api/v1/anonymize?profile=basic&burnOverlays=true", Http.Raw(input, "application/dicom"));

        var output = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.IsSuccessStatusCode, Encoding.UTF8.GetString(output));
        using var file = DicomFile.Read(output);
        Assert.DoesNotContain(file.Dataset, e => e.Tag.Group is >= 0x6000 and <= 0x60FF);
        var id = Assert.Single(response.Headers.GetValues("RadAnon-Report-Id"));
        using var report = await client.GetAsync($"/api/v1/reports/{id}");
        var overlay = Assert.Single((await Http.JsonAsync(report)).GetProperty("report").GetProperty("overlays").EnumerateArray());
        Assert.Equal("6000", overlay.GetProperty("group").GetString());
        Assert.Equal("burned", overlay.GetProperty("action").GetString());
    }

    [Fact]
    public async Task WithoutBurnOverlays_NoOverlayEntry()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/api/v1/anonymize?profile=basic", Http.Raw(WithOverlay(dataBytes: 8), "application/dicom"));
        Assert.True(response.IsSuccessStatusCode);
        var id = Assert.Single(response.Headers.GetValues("RadAnon-Report-Id"));
        using var report = await client.GetAsync($"/api/v1/reports/{id}");
        Assert.False((await Http.JsonAsync(report)).GetProperty("report").TryGetProperty("overlays", out _));
    }

    [Theory]
    [InlineData("?burnOverlays=maybe", null)]
    [InlineData("", "{\"burnOverlays\":\"yes\"}")]
    public async Task BurnOverlays_NotABoolean_Is400InvalidOptions(string query, string? options)
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/api/v1/anonymize" + query, Http.Form(WithOverlay(dataBytes: 8), "application/dicom", options));
        var problem = await Http.AssertProblemAsync(response, 400, ProblemTypes.InvalidOptions);
        Assert.Contains("burnOverlays", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BurnOverlays_OverlayDataShorterThanDeclared_Is422InvalidDicom()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/api/v1/anonymize?profile=basic&burnOverlays=true", Http.Raw(WithOverlay(dataBytes: 2), "application/dicom"));
        var problem = await Http.AssertProblemAsync(response, 422, ProblemTypes.InvalidDicom);
        Assert.Contains("overlay group 6000", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The test radiograph with an 8x8 overlay plane at 1\1 whose Overlay Data has <paramref name="dataBytes"/> bytes (8 are needed).</summary>
    private static byte[] WithOverlay(int dataBytes)
    {
        using var file = DicomFile.Read(TestImages.Dicom(TestImages.Radiograph(64, 48)));
        var ds = file.Dataset;
        ds.AddOrUpdate(new DicomTag(0x6000, 0x0010), DicomVR.US, (ushort)8);
        ds.AddOrUpdate(new DicomTag(0x6000, 0x0011), DicomVR.US, (ushort)8);
        ds.AddOrUpdate(new DicomTag(0x6000, 0x0040), DicomVR.CS, "G");
        ds.AddOrReplace(new DicomValueElement(new DicomTag(0x6000, 0x0050), DicomVR.SS, new byte[] { 1, 0, 1, 0 }));
        ds.AddOrUpdate(new DicomTag(0x6000, 0x0100), DicomVR.US, (ushort)1);
        ds.AddOrUpdate(new DicomTag(0x6000, 0x0102), DicomVR.US, (ushort)0);
        ds.AddOrReplace(new DicomValueElement(new DicomTag(0x6000, 0x3000), DicomVR.OW, Enumerable.Repeat((byte)0x81, dataBytes).ToArray()));
        return file.ToBytes();
    }
}
