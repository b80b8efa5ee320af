using System.Net.Http.Json;
using System.Text.Json;
using MetaAiTracker.Web.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using MetaAiTracker.Tests.Shared;

namespace MetaAiTracker.Web.Tests.Api;

/// <summary>
/// The whole app over a real database of its own (SQLite file, or PostgreSQL on PostgreSQL runs), migrated and seeded with the shipped dataset on start,
/// exactly as in production. The rate limit is set high unless a test asks for a low one.
/// </summary>
public class TrackerAppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public TrackerAppFactory() : this(new Dictionary<string, string?>())
    {
    }

    public TrackerAppFactory(IDictionary<string, string?> settings)
    {
        _settings = new Dictionary<string, string?>(_store.Settings, StringComparer.OrdinalIgnoreCase)
        {
            ["Tracker:RateLimit:PermitLimit"] = "1000000",
            ["Tracker:RateLimit:WindowSeconds"] = "60",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }
    }

    private readonly EmptyStore _store = new("api");

    public static JsonSerializerOptions Json { get; } = ApiJson.CreateOptions();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public async Task<T> GetJsonAsync<T>(string url)
    {
        using var client = CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _store.Dispose();
    }
}

/// <summary>The app shared by the read-only API tests (starting one costs a migration and a seed).</summary>
public sealed class SharedApp : TrackerAppFactory;

/// <summary>
/// Every test class that starts a host belongs here, so hosts start one at a time: Serilog's static bootstrap
/// logger (Program.cs) is frozen by the first host that resolves it, and two hosts racing for it fail.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<SharedApp>
{
    public const string Name = "api";
}
