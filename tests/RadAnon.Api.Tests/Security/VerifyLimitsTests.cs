using System.Text;
using RadAnon.Api.Problems;
using RadAnon.SyntheticData;

namespace RadAnon.Api.Tests.Security;

/// <summary>
/// Issue 20 finding 5: /verify read a deflated DICOM with the default reader limits and outside the pixel queue (a 300 KB
/// upload inflating to 300 MiB answered 200), while /anonymize refused it.
/// </summary>
public sealed class VerifyLimitsTests : IClassFixture<VerifyLimitsTests.SmallInflateFixture>
{
    private readonly RadAnonFactory _factory;

    public VerifyLimitsTests(SmallInflateFixture fixture)
    {
        _factory = fixture.Factory;
    }

    [Fact]
    public async Task DeflateBomb_IsRefusedByVerify_AsByAnonymize()
    {
        var bomb = HostileFiles.DicomDeflateBomb(64L * 1024 * 1024);
        using var client = _factory.CreateClient();
        foreach (var path in new[] { "/api/v1/verify", "/api/v1/anonymize" })
        {
            using var response = await client.PostAsync(path, Http.Raw(bomb, "application/dicom"));
            await Http.AssertProblemAsync(response, 422, ProblemTypes.InvalidDicom);
        }
    }

    [Fact]
    public async Task NotAnImage_Is415ForVerify()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/api/v1/verify", Http.Raw(Encoding.ASCII.GetBytes("plain text, not an image"), "application/octet-stream"));
        await Http.AssertProblemAsync(response, 415, ProblemTypes.UnsupportedMediaType);
    }

    [Fact]
    public async Task Verify_WaitsForAPixelWorker_LikeEveryOtherJob()
    {
        var gate = (Hosting.PixelJobGate)_factory.Services.GetService(typeof(Hosting.PixelJobGate))!;
        using var client = _factory.CreateClient();
        using var hold = new ManualResetEventSlim();
        var holding = gate.RunAsync(() => hold.Wait(TimeSpan.FromSeconds(30)), CancellationToken.None);
        try
        {
            using var response = await client.PostAsync("/api/v1/verify", Http.Raw(TestImages.Png(TestImages.Radiograph(32, 32)), "image/png"));
            await Http.AssertProblemAsync(response, 503, ProblemTypes.Busy);
        }
        finally
        {
            hold.Set();
            await holding;
        }
    }

    /// <summary>A server with one pixel worker, a one-second queue and a 16 MiB inflate limit.</summary>
    public sealed class SmallInflateFixture : IDisposable
    {
        public RadAnonFactory Factory { get; } = new(new Dictionary<string, string?>
        {
            ["RadAnon:Limits:MaxInflatedBytes"] = (16 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RadAnon:Limits:MaxConcurrentPixelJobs"] = "1",
            ["RadAnon:Limits:QueueTimeoutSeconds"] = "1",
        });

        public void Dispose() => Factory.Dispose();
    }
}
