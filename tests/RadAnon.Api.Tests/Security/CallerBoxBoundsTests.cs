using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RadAnon.Api.Problems;
using RadAnon.TestSupport;

namespace RadAnon.Api.Tests.Security;

/// <summary>
/// Issue 20 finding 4: 256 full-image "add" boxes painted the image 256 times (12.4 s and 3.2 GiB on a 1.1 MB PNG).
/// Boxes are now clipped and merged into disjoint pieces before any pixel work.
/// </summary>
public sealed class CallerBoxBoundsTests : IClassFixture<RadAnonFactoryFixture>
{
    private readonly RadAnonFactory _factory;

    public CallerBoxBoundsTests(RadAnonFactoryFixture fixture)
    {
        _factory = fixture.Factory;
    }

    [ToolFact("tesseract")]
    public async Task ManyFullImageAddBoxes_ArePaintedOnce()
    {
        var boxes = Enumerable.Range(0, 256).Select(i => (0, 0, 100_000 + i, 100_000));
        var (report, elapsed) = await AnonymizeAsync(boxes);

        var pieces = CallerPieces(report);
        var piece = Assert.Single(pieces);
        Assert.Equal((0, 0, 512, 600), piece);
        Assert.True(elapsed < TimeSpan.FromSeconds(60), $"took {elapsed}");
    }

    [ToolFact("tesseract")]
    public async Task OverlappingAddBoxes_BecomeDisjointPiecesCoveringExactlyTheirUnion()
    {
        var (report, _) = await AnonymizeAsync([(0, 0, 100, 100), (50, 50, 100, 100), (60, 60, 10, 10)]);

        var pieces = CallerPieces(report);
        Assert.Equal(3, pieces.Count);
        Assert.Equal(17_500, pieces.Sum(p => (long)p.Width * p.Height));
        for (var i = 0; i < pieces.Count; i++)
        {
            for (var j = i + 1; j < pieces.Count; j++)
            {
                Assert.False(Overlaps(pieces[i], pieces[j]), $"{pieces[i]} overlaps {pieces[j]}");
            }
        }
    }

    [Fact]
    public async Task AddBoxesCrossingInAGrid_Are400()
    {
        var rows = Enumerable.Range(0, 128).Select(i => (0, i * 4, 512, 2));
        var columns = Enumerable.Range(0, 128).Select(i => (i * 4, 0, 2, 600));
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/api/v1/anonymize", Http.Form(TestImages.Png(TestImages.Radiograph()), "image/png", Options(rows.Concat(columns))));
        var problem = await Http.AssertProblemAsync(response, 400, ProblemTypes.InvalidOptions);
        Assert.Contains("pieces", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<(JsonElement Report, TimeSpan Elapsed)> AnonymizeAsync(IEnumerable<(int X, int Y, int W, int H)> boxes)
    {
        using var client = _factory.CreateClient();
        var clock = Stopwatch.StartNew();
        using var response = await client.PostAsync("/api/v1/anonymize", Http.Form(TestImages.Png(TestImages.Radiograph()), "image/png", Options(boxes)));
        var elapsed = clock.Elapsed;
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var id = Assert.Single(response.Headers.GetValues("RadAnon-Report-Id"));
        using var report = await client.GetAsync($"/api/v1/reports/{id}");
        return ((await Http.JsonAsync(report)).GetProperty("report"), elapsed);
    }

    private static List<(int X, int Y, int Width, int Height)> CallerPieces(JsonElement report) =>
        [.. report.GetProperty("pixels").GetProperty("regions").EnumerateArray()
            .Where(r => r.GetProperty("category").GetString() == "caller-region")
            .Select(r => (r.GetProperty("x").GetInt32(), r.GetProperty("y").GetInt32(), r.GetProperty("width").GetInt32(), r.GetProperty("height").GetInt32()))];

    private static bool Overlaps((int X, int Y, int Width, int Height) a, (int X, int Y, int Width, int Height) b) =>
        a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height;

    private static string Options(IEnumerable<(int X, int Y, int W, int H)> boxes)
    {
        var list = string.Join(',', boxes.Select(b => string.Create(CultureInfo.InvariantCulture, $"{{\"x\":{b.X},\"y\":{b.Y},\"width\":{b.W},\"height\":{b.H}}}")));
        return new StringBuilder("{\"regions\":{\"add\":[").Append(list).Append("]}}").ToString();
    }
}
