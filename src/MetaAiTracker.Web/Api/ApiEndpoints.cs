using System.IO.Compression;
using MetaAiTracker.Web.Hosting;
using Microsoft.AspNetCore.ResponseCompression;
using Scalar.AspNetCore;

namespace MetaAiTracker.Web.Api;

/// <summary>The read-only JSON API (issue #5): registration and routes. docs/api.md describes every endpoint.</summary>
public static class ApiEndpoints
{
    /// <summary>The media types the API compresses. HTML is left out on purpose: Blazor pages are never compressed here.</summary>
    public static readonly string[] CompressedMimeTypes =
        ["application/json", "application/problem+json", "text/csv", "application/atom+xml"];

    public static IServiceCollection AddTrackerApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOptions<PublicUrlOptions>().BindConfiguration(PublicUrlOptions.Section)
            .Validate(PublicUrlOptions.IsValid, "Tracker:PublicBaseUrl must be an absolute http(s) URL without query or fragment.")
            .ValidateOnStart();
        services.AddTrackerRateLimiting();

        services.AddResponseCompression(options =>
        {
            // API answers hold no secrets (no cookies, tokens or antiforgery values), so BREACH-style attacks on
            // compressed HTTPS responses have nothing to recover; see docs/security.md.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = CompressedMimeTypes;
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);

        services.AddOpenApi(options => ApiOpenApi.Configure(options));
        return services;
    }

    /// <summary>Maps <c>/api/…</c>, <c>/feed.atom</c>, the OpenAPI document <c>/openapi/v1.json</c> and its reference page <c>/api/docs</c>.</summary>
    public static IEndpointRouteBuilder MapTrackerApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapEventEndpoints();
        api.MapPeopleEndpoints();
        api.MapCatalogEndpoints();
        api.MapMetricEndpoints();
        api.MapExportEndpoints();
        endpoints.MapFeed();

        endpoints.MapOpenApi();
        endpoints.MapScalarApiReference("/api/docs", options => options
            .WithTitle("MetaAiTracker API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts()   // the default fonts come from Scalar's CDN; the CSP allows none
            .DisableTelemetry()
            .WithNonce());           // a fresh nonce per request for its inline start-up script, allowed by the CSP
        return endpoints;
    }
}
