using System.Net;
using System.Text.Json;
using MetaAiTracker.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MetaAiTracker.Web.Hosting;

/// <summary>Which reverse proxies may tell the app the client's address and scheme (<c>Tracker:Proxy</c>).</summary>
public sealed class ProxyOptions
{
    public const string Section = "Tracker:Proxy";

    /// <summary>
    /// Addresses of proxies whose X-Forwarded-For / X-Forwarded-Proto headers are believed. Loopback (127.0.0.0/8 and
    /// ::1) is always trusted, for nginx on the same machine; a header from any other sender is ignored, so a client
    /// cannot pick its own address for the rate limiter.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];
}

/// <summary>
/// What several instances of the app need to share (docs/deployment.md): one Data Protection key ring in the database
/// (so a sign-in cookie or antiforgery token made by one instance is read by any other), the client's real address
/// behind a proxy, and a health response that names the database.
/// </summary>
public static class ScaleOut
{
    /// <summary>
    /// The Data Protection application name. Keys are isolated per application name (by default the content root
    /// path, which differs between machines and deployments), so every instance must use the same one.
    /// </summary>
    public const string ApplicationName = "MetaAiTracker";

    public static IServiceCollection AddTrackerScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<TrackerDbContext>();

        var proxies = configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // KnownProxies/KnownIPNetworks start as loopback only; the configured proxies are added to them.
            foreach (var proxy in proxies.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"Tracker:Proxy:KnownProxies: '{proxy}' is not an IP address."));
            }
        });
        return services;
    }

    /// <summary>
    /// Start-up work that must happen once per database, not once per instance, run under the store's start-up lock
    /// (<see cref="TrackerStoreInitializer.InitializeAsync"/>): the first Data Protection key (on an empty database the
    /// first instance makes the one key and the others load it, instead of each making its own and refusing the others'
    /// cookies until their key rings refresh) and the first editor's role and account.
    /// </summary>
    public static async Task OncePerDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        services.GetDataProtector("MetaAiTracker.StartUp").Protect([0]);
        await services.GetRequiredService<Editing.FirstEditor>().EnsureAsync(cancellationToken);
    }

    /// <summary>
    /// <c>/health</c>: 200 with <c>{"status":"Healthy","database":{"status":"Healthy","provider":"Postgres"}}</c>, or
    /// 503 with the failing status when the database cannot be reached.
    /// </summary>
    public static HealthCheckOptions HealthResponse { get; } = new()
    {
        ResponseWriter = async (context, report) =>
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            var database = report.Entries.TryGetValue("database", out var entry) ? entry : (HealthReportEntry?)null;
            await JsonSerializer.SerializeAsync(context.Response.Body, new
            {
                status = report.Status.ToString(),
                database = database is { } d ? new { status = d.Status.ToString(), provider = d.Tags.FirstOrDefault() } : null,
            }, cancellationToken: context.RequestAborted);
        },
    };
}
