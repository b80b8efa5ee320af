using System.Net;
using System.Text.Json;
using MetaAiTracker.Core.Abstractions;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Web.Api;
using MetaAiTracker.Web.Hosting;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MetaAiTracker.Web.Tests.Api;

/// <summary>Rate limiting, the explicit Blazor limits, options validation on start and the 500 path.</summary>
/// <remarks>
/// In the API collection although it builds its own apps: Program.cs installs Serilog's static bootstrap logger,
/// which two hosts starting at the same moment would both try to freeze, so hosts in this assembly start one at a time.
/// </remarks>
[Collection(ApiCollection.Name)]
public sealed class HostingTests
{
    [Fact]
    public async Task A_burst_beyond_the_limit_gets_429_with_retry_after_and_a_problem()
    {
        using var app = new TrackerAppFactory(new Dictionary<string, string?>
        {
            ["Tracker:RateLimit:PermitLimit"] = "5",
            ["Tracker:RateLimit:WindowSeconds"] = "120",
        });
        using var client = app.CreateClient();

        // The feed and the CSV count against the same per-client budget as the JSON endpoints.
        string[] urls = ["/api/themes", "/feed.atom", "/api/events.csv", "/api/events", "/api/events/no-such-event"];
        foreach (var url in urls)
        {
            using var allowed = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, allowed.StatusCode);
        }

        foreach (var url in new[] { "/api/themes", "/feed.atom", "/api/events.csv", "/api/no-such-endpoint" })
        {
            using var refused = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            var retryAfter = refused.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter.Value.TotalSeconds, 1, 120);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
            SecurityHeaderTests.AssertSecurityHeaders(refused);
        }

        // Pages are not limited by the API's budget.
        using var page = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public void Client_keys_group_an_ipv6_host_by_its_64_network()
    {
        Assert.Equal("203.0.113.7", RateLimiting.ClientKey(IPAddress.Parse("203.0.113.7")));
        Assert.Equal("203.0.113.7", RateLimiting.ClientKey(IPAddress.Parse("::ffff:203.0.113.7")));
        Assert.Equal(RateLimiting.ClientKey(IPAddress.Parse("2001:db8:1:2:aaaa::1")), RateLimiting.ClientKey(IPAddress.Parse("2001:db8:1:2:bbbb::9")));
        Assert.NotEqual(RateLimiting.ClientKey(IPAddress.Parse("2001:db8:1:2::1")), RateLimiting.ClientKey(IPAddress.Parse("2001:db8:1:3::1")));
        Assert.Equal("unknown", RateLimiting.ClientKey(null));
    }

    [Fact]
    public void Circuit_and_hub_limits_come_from_configuration()
    {
        using var app = new TrackerAppFactory(new Dictionary<string, string?>
        {
            ["Tracker:Blazor:DisconnectedCircuitMaxRetained"] = "42",
            ["Tracker:Blazor:DisconnectedCircuitRetentionPeriod"] = "00:02:00",
            ["Tracker:Blazor:JSInteropDefaultCallTimeout"] = "00:00:07",
            ["Tracker:Blazor:MaxBufferedUnacknowledgedRenderBatches"] = "6",
            ["Tracker:Blazor:MaximumReceiveMessageSize"] = "16384",
        });
        var circuit = app.Services.GetRequiredService<IOptions<CircuitOptions>>().Value;
        Assert.Equal(42, circuit.DisconnectedCircuitMaxRetained);
        Assert.Equal(TimeSpan.FromMinutes(2), circuit.DisconnectedCircuitRetentionPeriod);
        Assert.Equal(TimeSpan.FromSeconds(7), circuit.JSInteropDefaultCallTimeout);
        Assert.Equal(6, circuit.MaxBufferedUnacknowledgedRenderBatches);

        // The Blazor hub's own options (ComponentHub is internal) take the global hub options.
        var hub = BlazorHubOptions(app.Services);
        Assert.Equal(16384, hub.MaximumReceiveMessageSize);
        Assert.Equal(1, hub.MaximumParallelInvocationsPerClient);
    }

    [Fact]
    public void The_shipped_configuration_sets_the_documented_limits()
    {
        using var app = new TrackerAppFactory();
        var circuit = app.Services.GetRequiredService<IOptions<CircuitOptions>>().Value;
        Assert.Equal(100, circuit.DisconnectedCircuitMaxRetained);
        Assert.Equal(TimeSpan.FromMinutes(1), circuit.DisconnectedCircuitRetentionPeriod);
        Assert.Equal(TimeSpan.FromSeconds(30), circuit.JSInteropDefaultCallTimeout);
        Assert.Equal(10, circuit.MaxBufferedUnacknowledgedRenderBatches);
        var hub = BlazorHubOptions(app.Services);
        Assert.Equal(32 * 1024, hub.MaximumReceiveMessageSize);
        Assert.Equal(TimeSpan.FromSeconds(30), hub.ClientTimeoutInterval);
        Assert.Equal(TimeSpan.FromSeconds(15), hub.KeepAliveInterval);
        Assert.Equal(TimeSpan.FromSeconds(15), hub.HandshakeTimeout);
    }

    private static HubOptions BlazorHubOptions(IServiceProvider services)
    {
        var componentHub = typeof(CircuitOptions).Assembly.GetType("Microsoft.AspNetCore.Components.Server.ComponentHub", throwOnError: true)!;
        var optionsType = typeof(IOptions<>).MakeGenericType(typeof(HubOptions<>).MakeGenericType(componentHub));
        var options = services.GetRequiredService(optionsType);
        return (HubOptions)optionsType.GetProperty("Value")!.GetValue(options)!;
    }

    [Theory]
    [InlineData("Tracker:RateLimit:PermitLimit", "0")]
    [InlineData("Tracker:RateLimit:WindowSeconds", "-5")]
    [InlineData("Tracker:Blazor:MaximumReceiveMessageSize", "10")]
    [InlineData("Tracker:Blazor:KeepAliveInterval", "00:01:00")]
    [InlineData("Tracker:PublicBaseUrl", "not a url")]
    public void Bad_limits_stop_the_app_at_start(string key, string value)
    {
        using var app = new TrackerAppFactory(new Dictionary<string, string?> { [key] = value });
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        var messages = string.Join(" | ", Flatten(error).Select(e => e.Message));
        Assert.Contains(Flatten(error), e => e is OptionsValidationException);
        Assert.Contains(key.Split(':')[^1], messages, StringComparison.Ordinal);
    }

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }

    [Fact]
    public async Task A_genuine_failure_is_a_500_problem_that_reveals_nothing()
    {
        using var app = new BrokenStoreFactory();
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/sources", UriKind.Relative));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(500, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.TryGetProperty("traceId", out _));
        Assert.DoesNotContain(BrokenStoreFactory.Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain("at MetaAiTracker", body, StringComparison.Ordinal);
        SecurityHeaderTests.AssertSecurityHeaders(response);
    }

    private sealed class BrokenStoreFactory : TrackerAppFactory
    {
        public const string Secret = "connection string with password=hunter2";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<ITrackerDbContextFactory, Broken>());
        }

        private sealed class Broken : ITrackerDbContextFactory
        {
            public Task<ITrackerDbContext> CreateAsync(CancellationToken cancellationToken = default) =>
                throw new InvalidOperationException(Secret);
        }
    }
}

/// <summary>The API's JSON conventions, without a server.</summary>
public sealed class ApiJsonTests
{
    private static readonly JsonSerializerOptions Json = ApiJson.CreateOptions();

    [Theory]
    [InlineData("2025")]
    [InlineData("2025-Q3")]
    [InlineData("2025-08")]
    [InlineData("2025-08-29")]
    public void Partial_dates_are_their_canonical_string(string text)
    {
        var date = PartialDate.Parse(text);
        Assert.Equal($"\"{text}\"", JsonSerializer.Serialize(date, Json));
        Assert.Equal(date, JsonSerializer.Deserialize<PartialDate>($"\"{text}\"", Json));
        Assert.Equal("null", JsonSerializer.Serialize<PartialDate?>(null, Json));
    }

    [Theory]
    [InlineData("\"2025-13\"")]
    [InlineData("202508")]
    public void Bad_partial_dates_do_not_deserialize(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<PartialDate>(json, Json));

    [Fact]
    public void Enums_are_kebab_case_words()
    {
        Assert.Equal("\"public-figure\"", JsonSerializer.Serialize(PersonKind.PublicFigure, Json));
        Assert.Equal("\"disputed\"", JsonSerializer.Serialize(ClaimStatus.Disputed, Json));
        Assert.Equal(PersonKind.PublicFigure, JsonSerializer.Deserialize<PersonKind>("\"public-figure\"", Json));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ClaimStatus>("\"rumoured\"", Json));
    }

    [Fact]
    public void Names_are_camel_case_and_chinese_stays_readable()
    {
        var json = JsonSerializer.Serialize(new Core.Services.ThemeRef("talent", "Talent", "人才", "#1565C0"), Json);
        Assert.Equal("{\"slug\":\"talent\",\"nameEn\":\"Talent\",\"nameZh\":\"人才\",\"color\":\"#1565C0\"}", json);
    }
}
