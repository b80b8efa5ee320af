using MetaAiTracker.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MetaAiTracker.BrowserTests;

/// <summary>
/// The real app on real Kestrel (a free loopback port) with a fresh database file that it migrates and seeds itself,
/// and one headless Chromium (Debian's, never Playwright's download) shared by the tests of a collection.
/// </summary>
public class AppFixture : IAsyncLifetime
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), "metaaitracker-browser", $"{Guid.NewGuid():N}.db");
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The running app's services (to prepare data the way the app would).</summary>
    public IServiceProvider Services => _factory!.Services;

    public static string RepositoryRoot => BrowserPages.RepositoryRoot;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_databasePath)!);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:Tracker", $"Data Source={_databasePath}");
            builder.UseSetting("Tracker:RateLimit:PermitLimit", "100000");
            Configure(builder);
        });
        // A free loopback port chosen by the OS, read back below (port 0; UseKestrel(0) would mean the default 5000).
        _factory.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)).TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            Headless = true,
            ExecutablePath = ChromiumPath(),
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>More settings for a fixture that needs them (the editor fixture sets the first editor's account).</summary>
    protected virtual void Configure(IWebHostBuilder builder)
    {
    }

    /// <summary>A new page (own context: own storage) that records console errors and page errors.</summary>
    public Task<(IPage Page, List<string> Errors)> NewPageAsync(int width = 1280, int height = 900, ColorScheme colorScheme = ColorScheme.Light) =>
        BrowserPages.NewPageAsync(Browser, BaseUrl, width, height, colorScheme);

    /// <summary>Opens a page and waits until the Blazor circuit is live (the layout renders a marker after its first interactive render).</summary>
    public static Task GotoInteractiveAsync(IPage page, string path) => BrowserPages.GotoInteractiveAsync(page, path);

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_databasePath + suffix);
        }
    }

    private static string ChromiumPath()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("CHROMIUM_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser" };
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c))
               ?? throw new InvalidOperationException("Chromium not found: install Debian's chromium (tests/run.sh does this) or set CHROMIUM_PATH.");
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
