using Microsoft.Playwright;

namespace DirectPay.Tests.Demo;

/// <summary>Headless Chromium from Debian's package (`.ci/run` installs it), one for the demo's tests.</summary>
public sealed class DemoBrowser : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IBrowserContext _context = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install -y chromium (.ci/run does)");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox"], // CI runs as root, where Chromium's sandbox cannot start
        });
        // One context: the dashboard's login cookie holds across the tests' pages.
        _context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
    }

    public Task<IPage> NewPageAsync() => _context.NewPageAsync();

    public async Task DisposeAsync()
    {
        if (_context is not null) await _context.DisposeAsync();
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>
/// Run alone, after the suite's parallel collections, as a newcomer's demo runs: started beside the suite's own app, its
/// dashboard received no telemetry in three clean-clone CI runs out of three (and it passed alone each time).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DemoCollection : ICollectionFixture<DemoApp>, ICollectionFixture<DemoBrowser>
{
    public const string Name = "demo";
}
