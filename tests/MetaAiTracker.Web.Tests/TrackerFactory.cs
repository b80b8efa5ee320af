using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using MetaAiTracker.Tests.Shared;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.Web.Tests;

/// <summary>
/// The app in memory on its own empty database (a SQLite file; on PostgreSQL runs a PostgreSQL database), migrated and
/// seeded by the app itself, with the first editor configured
/// unless <see cref="WithEditor"/> is false.
/// </summary>
public sealed class TrackerFactory : WebApplicationFactory<Program>
{
    /// <summary>Whether Tracker:Admin:Email and Password are set (the default).</summary>
    public bool WithEditor { get; init; } = true;

    public int MaxFailedAttempts { get; init; } = 5;

    /// <summary>Sign-in posts per client (the tests all post from one address); the app's own default is 4.</summary>
    public int AttemptsPerClient { get; init; } = 10_000;

    /// <summary>The host environment: Development by default; any other runs the production error handling.</summary>
    public string Environment { get; init; } = "Development";

    /// <summary>More configuration, applied after the defaults.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>More services, e.g. a Serilog sink (Program reads sinks from the services too).</summary>
    public Action<IServiceCollection>? MoreServices { get; init; }

    /// <summary>The client address every request appears to come from (the in-memory server has none of its own).</summary>
    public IPAddress? RemoteAddress { get; init; }

    public const string EditorEmail = "editor@example.org";
    public const string EditorPassword = "Correct-Horse-2025!";

    private readonly EmptyStore _store = new("web");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in _store.Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Tracker:SignIn:MaxFailedAttempts", MaxFailedAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Tracker:SignIn:LockoutMinutes", "15");
        builder.UseSetting("Tracker:SignIn:AttemptsPerClient", AttemptsPerClient.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (WithEditor)
        {
            builder.UseSetting("Tracker:Admin:Email", EditorEmail);
            builder.UseSetting("Tracker:Admin:Password", EditorPassword);
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (MoreServices is { } more)
        {
            builder.ConfigureServices(more);
        }

        if (RemoteAddress is { } address)
        {
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new RemoteAddressFilter(address)));
        }
    }

    private sealed class RemoteAddressFilter(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so that each redirect can be checked.</summary>
    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Fills in and posts the sign-in form the way a browser does: antiforgery token and form name scraped from the GET.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string returnUrl = "/editor")
    {
        var path = "/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl);
        var page = await client.GetStringAsync(path);
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HiddenValue(page, "__RequestVerificationToken"),
            ["_handler"] = HiddenValue(page, "_handler"),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        };
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    public static async Task<HttpClient> SignedInEditorAsync(TrackerFactory factory)
    {
        var client = factory.NewClient();
        var response = await SignInAsync(client, EditorEmail, EditorPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static string HiddenValue(string html, string name)
    {
        var match = Regex.Match(html, $"name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"|value=\"([^\"]*)\"[^>]*name=\"{Regex.Escape(name)}\"");
        Assert.True(match.Success, $"no hidden input {name} in the page");
        return WebUtility.HtmlDecode(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _store.Dispose();
    }
}
