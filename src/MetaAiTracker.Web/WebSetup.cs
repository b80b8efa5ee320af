using MetaAiTracker.Web.Api;
using MetaAiTracker.Web.Components;
using MudBlazor.Services;
using Serilog;

namespace MetaAiTracker.Web;

/// <summary>Registration and pipeline of the web host, kept out of Program.cs.</summary>
public static class WebSetup
{
    public static IServiceCollection AddTrackerWeb(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddProblemDetails();
        services.AddTrackerApi();
        return services;
    }

    public static WebApplication UseTrackerWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseSerilogRequestLogging();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAntiforgery();

        app.MapHealthChecks("/health");
        app.MapStaticAssets();
        app.MapTrackerApi();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
