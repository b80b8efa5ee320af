using MetaAiTracker.Data;
using MetaAiTracker.Web.Components;
using MetaAiTracker.Web.Editing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
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

    public static IServiceCollection AddTrackerWeb(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddProblemDetails();
        services.AddTrackerEditing();
        return services;
    }

    /// <summary>
    /// Sign-in with ASP.NET Core Identity on the tracker's own store (see docs/decisions/0003-sign-in.md): cookie
    /// authentication, an "Editor" role, lock-out after <see cref="SignInLimits.MaxFailedAttempts"/> failures, and the
    /// first editor created from configuration.
    /// </summary>
    private static IServiceCollection AddTrackerEditing(this IServiceCollection services)
    {
        services.AddOptions<EditingOptions>().BindConfiguration(EditingOptions.Section);
        services.AddOptions<SignInLimits>().BindConfiguration(SignInLimits.Section)
            .Validate(l => l.MaxFailedAttempts >= 1 && l.LockoutMinutes >= 1, "Tracker:SignIn needs MaxFailedAttempts and LockoutMinutes of at least 1").ValidateOnStart();
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section)
            .Validate(o => o.MaxBytes > 0, "Tracker:Import:MaxBytes must be positive").ValidateOnStart();

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingEditorStateProvider>();
        services.AddScoped<CurrentEditor>();

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

        services.AddHostedService<FirstEditor>();
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
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/health");
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

        // Signing out changes the cookie, so it is a real POST (antiforgery-checked: the form binding requires it).
        app.MapPost(SignOutPath, async (SignInManager<IdentityUser> signIn, [FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect(LocalOrHome(returnUrl));
        });
        return app;
    }

    /// <summary>A return address that stays on this site: a path starting with one '/', else the overview.</summary>
    public static string LocalOrHome(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Contains("://", StringComparison.Ordinal)
            ? url
            : "/";
}
