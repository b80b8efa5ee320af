using MetaAiTracker.Core.Services;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MetaAiTracker.Data;
using MetaAiTracker.Web.Api;
using MetaAiTracker.Web.Components;
using MetaAiTracker.Web.Editing;
using MetaAiTracker.Web.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Serilog;

namespace MetaAiTracker.Web;

/// <summary>Registration and pipeline of the web host, kept out of Program.cs.</summary>
public static class WebSetup
{
    public const string SignInPath = "/account/login";
    public const string SignOutPath = "/account/logout";
    public const string AccessDeniedPath = "/account/access-denied";

    public static IServiceCollection AddTrackerWeb(this IServiceCollection services, IConfiguration configuration)
    {
        // Tracker:Cache:Enabled=false keeps no computed answer between requests (the benchmarks measure both ways).
        if (!configuration.GetValue("Tracker:Cache:Enabled", true))
        {
            services.RemoveAll<TimelineCache>();
            services.RemoveAll<AttritionCache>();
        }

        // Tracker:Projection:Enabled=false answers a text search's facets and page by SQL alone (no events in memory).
        if (!configuration.GetValue("Tracker:Projection:Enabled", true))
        {
            services.RemoveAll<TimelineProjection>();
        }

        services.AddTrackerRequestGuard();
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options => options.AddServerHeader = false);
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddTrackerScaleOut(configuration);
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddTrackerBlazorLimits();
        services.AddTrackerCircuitCounter();
        services.AddMudServices();
        services.AddProblemDetails();
        services.AddTrackerApi();
        services.AddTrackerEditing();
        return services;
    }

    /// <summary>
    /// Sign-in with ASP.NET Core Identity on the tracker's own store (see docs/decisions/0004-editor-sign-in-on-static-pages.md): cookie
    /// authentication, an "Editor" role, lock-out after <see cref="SignInLimits.MaxFailedAttempts"/> failures, and the
    /// first editor created from configuration.
    /// </summary>
    private static IServiceCollection AddTrackerEditing(this IServiceCollection services)
    {
        services.AddOptions<EditingOptions>().BindConfiguration(EditingOptions.Section);
        services.AddOptions<SignInLimits>().BindConfiguration(SignInLimits.Section)
            .Validate(l => l.MaxFailedAttempts >= 1 && l.LockoutMinutes >= 1 && l.AttemptsPerClient >= 1,
                "Tracker:SignIn needs MaxFailedAttempts, LockoutMinutes and AttemptsPerClient of at least 1").ValidateOnStart();
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section)
            .Validate(o => o.MaxBytes > 0, "Tracker:Import:MaxBytes must be positive").ValidateOnStart();

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingEditorStateProvider>();
        services.AddScoped<CurrentEditor>();
        services.AddScoped<EditorAccounts>();
        services.AddScoped<EditorSignIn>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddAuthorization();

        services.AddIdentityCore<IdentityUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<TrackerDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddOptions<IdentityOptions>().Configure<IOptions<SignInLimits>>((options, limits) =>
        {
            options.Lockout.MaxFailedAccessAttempts = limits.Value.MaxFailedAttempts;
            options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(limits.Value.LockoutMinutes);
        });

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = SignInPath;
            options.LogoutPath = SignOutPath;
            options.AccessDeniedPath = AccessDeniedPath;
            options.Cookie.Name = "tracker.editor";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;

            // With editing switched off (no Tracker:Admin), an old cookie counts for nothing.
            var validateStamp = options.Events.OnValidatePrincipal;
            options.Events.OnValidatePrincipal = async context =>
            {
                if (!context.HttpContext.RequestServices.GetRequiredService<IOptions<EditingOptions>>().Value.IsConfigured)
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }

                await (validateStamp ?? SecurityStampValidator.ValidatePrincipalAsync)(context);
            };
        });

        // The security stamp is checked on every request (not every 30 minutes), so that the stamp renewed on sign-out
        // refuses a copy of the cookie at once. Only editors carry the cookie: one look-up of their row per request.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);

        services.AddSingleton<FirstEditor>();
        return services;
    }

    public static WebApplication UseTrackerWeb(this WebApplication app)
    {
        // Before anything reads the client's address or scheme (rate limiter, logging, HSTS): only from known proxies.
        app.UseForwardedHeaders();

        // (The security headers are set ahead of all of this, by RequestGuard, so that every response gets them.)
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/Error",
                CreateScopeForErrors = true,
                // A request the framework refuses as malformed (a form it cannot bind, a bad antiforgery token) is the
                // client's mistake: 400, not 500.
                StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            });
            app.UseHsts();
        }

        // The error and status pages are read as pages: a POST that failed (the sign-out form, say) re-executes them as
        // a GET, or the page itself would refuse the post and throw again.
        app.Use((context, next) =>
        {
            if (context.Features.Get<IExceptionHandlerFeature>() is not null || context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
            {
                context.Request.Method = HttpMethods.Get;
            }

            return next(context);
        });

        // Through the host's logger (configured from Serilog:*), not the static start-up logger that Program keeps
        // (preserveStaticLogger): otherwise every request would go to the console whatever the configured levels and sinks.
        app.UseSerilogRequestLogging(options => options.Logger = app.Services.GetRequiredService<Serilog.ILogger>());

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
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/health", ScaleOut.HealthResponse);
        app.MapTrackerLoadDiagnostics();
        app.MapStaticAssets();
        app.MapTrackerApi();
        app.MapRazorComponents<App>()
            // The framework would append its own "frame-ancestors 'self'" policy to component responses; the
            // SecurityHeadersMiddleware already sends frame-ancestors 'none' on every response, so one policy is enough.
            .AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);

        // Signing out changes the cookie, so it is a real POST, antiforgery-checked here (not by form binding, which
        // threw: a 500 outside Development). It also renews the editor's security stamp, so that a copy of the cookie
        // taken before is refused from the next request on (the stamp is checked on every request, see below).
        app.MapPost(SignOutPath, async (HttpContext context, IAntiforgery antiforgery, SignInManager<IdentityUser> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                // The antiforgery service has logged the one warning, saying what was missing.
                return Results.Text("The sign-out form has expired: reload the page and sign out again.", "text/plain", statusCode: StatusCodes.Status400BadRequest);
            }

            var form = await context.Request.ReadFormAsync();
            if (await signIn.UserManager.GetUserAsync(context.User) is { } user)
            {
                await signIn.UserManager.UpdateSecurityStampAsync(user);
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect(LocalOrHome(form["returnUrl"]));
        }).DisableAntiforgery();
        return app;
    }

    /// <summary>A return address that stays on this site: a path starting with one '/', else the overview.</summary>
    public static string LocalOrHome(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Contains("://", StringComparison.Ordinal)
            ? url
            : "/";
}
