using Microsoft.Playwright;

namespace RadAnon.E2E.Tests;

/// <summary>
/// One real server and one headless Debian Chromium for all browser tests. The browser is never downloaded:
/// Playwright drives /usr/bin/chromium through ExecutablePath.
/// </summary>
public sealed class E2EFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumArguments =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private RadAnonServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public RadAnonServer Server => _server ?? throw NotStarted();

    public IBrowser Browser => _browser ?? throw NotStarted();

    /// <summary>Screenshots and downloads a person can look at after a run: bin/.../TestResults/screenshots.</summary>
    public static string ArtifactsDirectory { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            // The facts skip themselves outside CI (ToolFact); in CI they fail with this message.
            return;
        }

        _server = await RadAnonServer.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ChromiumArguments,
        });
    }

    /// <summary>A fresh context per test (no shared storage), with downloads accepted and a desktop-sized window.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(),
            AcceptDownloads = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 1000 },
        });
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    private static InvalidOperationException NotStarted() =>
        new($"no browser tests without {Chromium} (apt-get install chromium; ./radanon test installs it)");

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class E2ECollection : ICollectionFixture<E2EFixture>
{
    public const string Name = "real server and browser";
}
