using MetaAiTracker.Web.Api;
using MetaAiTracker.Web.Components;
using MetaAiTracker.Web.Hosting;
using Microsoft.AspNetCore.Diagnostics;
using MudBlazor.Services;
using Serilog;

namespace MetaAiTracker.Web;

/// <summary>Registration and pipeline of the web host, kept out of Program.cs.</summary>
public static class WebSetup
{
    public static IServiceCollection AddTrackerWeb(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddTrackerBlazorLimits();
        services.AddMudServices();
        services.AddProblemDetails();
        services.AddTrackerApi();
        return services;
    }

    public static WebApplication UseTrackerWeb(this WebApplication app)
    {
        // First, so that every response gets the security headers, errors and status pages included.
        app.UseMiddleware<SecurityHeadersMiddleware>();

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseSerilogRequestLogging();

        // Pages re-execute the not-found page for an empty 4xx/5xx. The API turns that off for its own requests and
        // answers errors with ProblemDetails in every environment instead. (Re-execution must stay on the main
        // pipeline: a UseWhen branch has no router to send the re-executed request through.)
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseWhen(context => ApiPaths.IsApi(context.Request.Path), api =>
        {
            api.Use((context, next) =>
            {
                if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
                {
                    pages.Enabled = false;
                }

                return next(context);
            });
            api.UseExceptionHandler();
            api.UseStatusCodePages();
            api.UseResponseCompression();
        });

        app.UseRateLimiter();
        app.UseWhen(context => ApiPaths.IsCacheableRead(context.Request), api => api.UseMiddleware<ETagMiddleware>());
        app.UseAntiforgery();

        app.MapHealthChecks("/health");
        app.MapStaticAssets();
        app.MapTrackerApi();
        app.MapRazorComponents<App>()
            // The framework would append its own "frame-ancestors 'self'" policy to component responses; the
            // SecurityHeadersMiddleware already sends frame-ancestors 'none' on every response, so one policy is enough.
            .AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}
