extern alias web;
using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.Benchmarks;

/// <summary>
/// The real app (the Web project's own <c>Program</c>, through <see cref="WebApplicationFactory{TEntryPoint}"/>) on real
/// Kestrel on a free loopback port, over a benchmark database, with an <see cref="HttpClient"/> pointed at it. Production
/// environment, no seeding, logging at Warning, and the API rate limit raised by configuration (the product's default,
/// 120 a minute, would refuse a benchmark), not by a code change.
/// </summary>
public sealed class ApiHttpHost : IAsyncDisposable
{
    /// <summary>The timeline benchmark's question as a URL: talent or partnerships, 2024–2025, mentioning "leaves".</summary>
    public const string FilteredPath = "/api/events?themes=talent,partnerships&from=2024-01&to=2025-12&q=leaves";

    public const string DefaultPath = "/api/events";

    public const string HealthPath = "/health";

    private readonly WebApplicationFactory<web::Program> _factory;

    private ApiHttpHost(WebApplicationFactory<web::Program> factory, HttpClient client) => (_factory, Client) = (factory, client);

    public HttpClient Client { get; }

    /// <param name="cache">Whether the app keeps a filter's search and counts between requests (its default); off,
    /// every request pays for them, as in the first rounds' figures.</param>
    public static async Task<ApiHttpHost> StartAsync(int events, bool cache = false)
    {
        var database = await BenchDatabase.OpenAsync(events);

        // The app's content root (its appsettings.json): the Web project's folder in this repository. The factory would
        // guess <solution>/MetaAiTracker.Web; its documented override is this variable.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_METAAITRACKER_WEB", WebProjectFolder());

        // Logging: warnings only (the Production request log would write a console line per request), and the
        // Production file sink under the benchmark folder, not the repository. Environment variables, because they
        // override appsettings.Production.json the same way on a server.
        Environment.SetEnvironmentVariable("Serilog__MinimumLevel__Default", "Warning");
        Environment.SetEnvironmentVariable("Serilog__WriteTo__1__Args__path", Path.Combine(BenchDatabase.Folder, "results", "app-.log"));
        var factory = new WebApplicationFactory<web::Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:Tracker", $"Data Source={database.FilePath}");
            builder.UseSetting("Tracker:Seed:Enabled", "false");
            builder.UseSetting("Tracker:RateLimit:PermitLimit", "1000000");
            builder.UseSetting("Tracker:Cache:Enabled", cache ? "true" : "false");
        });
        factory.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First(a => a.StartsWith("http://", StringComparison.Ordinal));
        var client = new HttpClient { BaseAddress = new Uri(address) };
        var host = new ApiHttpHost(factory, client);
        foreach (var path in new[] { HealthPath, DefaultPath, FilteredPath })
        {
            await host.GetAsync(path); // first call: connection, JIT, EF model, compiled queries
        }

        return host;
    }

    private static string WebProjectFolder()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var web = Path.Combine(dir.FullName, "src", "MetaAiTracker.Web");
                if (File.Exists(Path.Combine(web, "MetaAiTracker.Web.csproj")))
                {
                    return web;
                }
            }
        }

        throw new InvalidOperationException($"src/MetaAiTracker.Web not found above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}");
    }

    /// <summary>One request, read to the end; fails on anything but 200.</summary>
    public async Task<long> GetAsync(string path)
    {
        using var response = await Client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadAsByteArrayAsync()).LongLength;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }
}

/// <summary>
/// GET /api/events over HTTP (BenchmarkDotNet, category ApiHttp): the default page and the filtered timeline, next to
/// <c>GET /health</c> (the same app, Kestrel, routing, middleware and a database connection check, no query) as the fixed
/// floor. The Ratio column reads "this request ÷ the floor". BenchmarkDotNet's Median and P95 are over iteration means;
/// the <c>http</c> command reports the per-request median and p95.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ApiHttpBenchmarks
{
    private ApiHttpHost _host = null!;

    [ParamsSource(nameof(Sizes))]
    public int Events { get; set; }

    public static IEnumerable<int> Sizes => TrackerBenchmarks.Sizes;

    [GlobalSetup]
    public async Task SetupAsync() => _host = await ApiHttpHost.StartAsync(Events);

    [GlobalCleanup]
    public async Task CleanupAsync() => await _host.DisposeAsync();

    [Benchmark(Baseline = true), BenchmarkCategory("ApiHttp")]
    public Task<long> ApiHttp_Health() => _host.GetAsync(ApiHttpHost.HealthPath);

    [Benchmark, BenchmarkCategory("ApiHttp")]
    public Task<long> ApiHttp_EventsDefault() => _host.GetAsync(ApiHttpHost.DefaultPath);

    [Benchmark, BenchmarkCategory("ApiHttp")]
    public Task<long> ApiHttp_EventsFiltered() => _host.GetAsync(ApiHttpHost.FilteredPath);
}

/// <summary>
/// <c>http [--events 1000,10000,100000] [--requests 300]</c>: starts the app on each benchmark database and times
/// every request on its own (sequential, one client, after warm-up), reporting the median and p95 of
/// <c>GET /health</c> (the floor), <c>GET /api/events</c> and the filtered <c>GET /api/events?…</c>, interleaved so that a
/// change in the machine's load hits all three alike.
/// </summary>
internal static class ApiHttpCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = (Options.Get(args, "--events") ?? "1000,10000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture));
        var requests = Options.GetInt(args, "--requests", 300);
        var paths = new[] { ApiHttpHost.HealthPath, ApiHttpHost.DefaultPath, ApiHttpHost.FilteredPath };
        var cache = Options.Get(args, "--cache") is "on";
        Console.WriteLine($"cache: {(cache ? "on (the app's default: repeated questions reuse their search and counts)" : "off (every request searches and counts)")}");
        Console.WriteLine($"{"events",8}  {"request",-70} {"median",9} {"p95",9} {"max",9}  {"bytes",9}");
        foreach (var events in sizes)
        {
            await using var host = await ApiHttpHost.StartAsync(events, cache);
            var times = paths.ToDictionary(p => p, _ => new List<double>(requests));
            var bytes = new Dictionary<string, long>();
            for (var i = 0; i < 20; i++)
            {
                foreach (var path in paths)
                {
                    await host.GetAsync(path);
                }
            }

            for (var i = 0; i < requests; i++)
            {
                foreach (var path in paths)
                {
                    var start = Stopwatch.GetTimestamp();
                    bytes[path] = await host.GetAsync(path);
                    times[path].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }

            foreach (var path in paths)
            {
                var sorted = times[path].Order().ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{events,8}  GET {path,-66} {Percentile(sorted, 0.50),6:F1} ms {Percentile(sorted, 0.95),6:F1} ms {sorted[^1],6:F1} ms  {bytes[path],9}"));
            }
        }

        return 0;
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
