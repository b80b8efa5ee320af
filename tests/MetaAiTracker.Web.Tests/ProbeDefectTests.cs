using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MetaAiTracker.Web.Editing;
using MetaAiTracker.Web.Tests.Api;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace MetaAiTracker.Web.Tests;

/// <summary>
/// The hosting and sign-in defects a hostile probe found (docs/security.md, defects 5 to 8): stray 500s, links and
/// redirects that followed a forged Host, sign-in answers and timings that told editors apart, no per-client limit,
/// cookie flags, a copied cookie still valid after sign-out, the Server header. Each test failed on the code before.
/// </summary>
public sealed class ProbeDefectTests
{
    private const string Forged = "evil.example";

    private static HttpRequestMessage WithHost(string path, string host)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Host = host;
        return request;
    }

    [Theory]
    [InlineData("/feed.atom")]
    [InlineData("/api/events.csv")]
    [InlineData("/editor")]
    [InlineData("/timeline")]
    public async Task A_forged_host_is_refused_by_default_with_the_security_headers(string path)
    {
        await using var factory = new TrackerFactory();
        using var client = factory.NewClient();

        using var response = await client.SendAsync(WithHost(path, Forged));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(Forged, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(response.Headers.Location);
        SecurityHeaderTests.AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task The_loopback_names_of_the_run_command_are_allowed()
    {
        await using var factory = new TrackerFactory();
        using var client = factory.NewClient();

        foreach (var host in new[] { "localhost:5080", "127.0.0.1:5080", "[::1]:5080" })
        {
            using var response = await client.SendAsync(WithHost("/api/themes", host));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task With_any_host_allowed_links_come_from_the_public_base_address_and_redirects_stay_relative()
    {
        await using var factory = new TrackerFactory
        {
            Settings = new Dictionary<string, string> { ["AllowedHosts"] = "*", ["Tracker:PublicBaseUrl"] = "https://tracker.example.org" },
        };
        using var client = factory.NewClient();

        using var feed = await client.SendAsync(WithHost("/feed.atom", Forged));
        using var csv = await client.SendAsync(WithHost("/api/events.csv", Forged));
        using var editor = await client.SendAsync(WithHost("/editor", Forged));

        var feedText = await feed.Content.ReadAsStringAsync();
        var csvText = await csv.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.DoesNotContain(Forged, feedText, StringComparison.Ordinal);
        Assert.Contains("https://tracker.example.org/events/", feedText, StringComparison.Ordinal);
        Assert.DoesNotContain(Forged, csvText, StringComparison.Ordinal);
        Assert.Contains("https://tracker.example.org/events/", csvText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, editor.StatusCode);
        Assert.False(editor.Headers.Location!.IsAbsoluteUri, editor.Headers.Location.ToString());
        Assert.Equal("/account/login?ReturnUrl=%2Feditor", editor.Headers.Location.OriginalString);

        // Signing in (a static page that navigates on success) does not send the browser to the claimed host either.
        using var forgedBrowser = factory.NewClient();
        forgedBrowser.DefaultRequestHeaders.Host = Forged;
        using var signedIn = await TrackerFactory.SignInAsync(forgedBrowser, TrackerFactory.EditorEmail, TrackerFactory.EditorPassword, "/editor/import");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.DoesNotContain(Forged, signedIn.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_out_without_its_token_is_a_400_with_the_headers_and_one_warning()
    {
        var sink = new CollectingSink();
        await using var factory = new TrackerFactory
        {
            Environment = "Staging", // the production error handling, without the production log file
            MoreServices = services => services.AddSingleton<ILogEventSink>(sink),
        };
        using var client = factory.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/timeline", UriKind.Relative))).StatusCode);
        var before = sink.Count;

        using var response = await client.PostAsync(new Uri("/account/logout", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("reload the page and sign out again", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        SecurityHeaderTests.AssertSecurityHeaders(response);
        var serious = sink.Since(before).Where(e => e.Level >= LogEventLevel.Warning).ToList();
        Assert.True(serious.Count == 1, string.Join('\n', serious.Select(e => e.RenderMessage(CultureInfo.InvariantCulture))));
        Assert.Equal(LogEventLevel.Warning, serious[0].Level);
        Assert.Contains("antiforgery", serious[0].RenderMessage(CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase);
    }

    private sealed class CollectingSink : ILogEventSink
    {
        private readonly List<LogEvent> _events = [];

        public int Count { get { lock (_events) { return _events.Count; } } }

        public void Emit(LogEvent logEvent)
        {
            lock (_events)
            {
                _events.Add(logEvent);
            }
        }

        public List<LogEvent> Since(int index)
        {
            lock (_events)
            {
                return _events.Skip(index).ToList();
            }
        }
    }

    [Fact]
    public async Task On_kestrel_a_request_without_a_host_is_a_400_with_the_headers_and_no_response_names_the_server()
    {
        var sink = new CollectingSink();
        await using var factory = new TrackerFactory { Environment = "Staging", MoreServices = services => services.AddSingleton<ILogEventSink>(sink) };
        factory.UseKestrel(0);
        factory.StartServer();
        using var client = factory.CreateClient();
        var address = client.BaseAddress!;

        using var page = await client.GetAsync(new Uri("/timeline", UriKind.Relative));
        var before = sink.Count;
        var raw = await RawAsync(address, "GET /timeline HTTP/1.0\r\n\r\n");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("Server"), "the Server header names Kestrel");
        Assert.StartsWith("HTTP/1.1 400", raw, StringComparison.Ordinal);
        var head = raw[..raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        Assert.Contains("\r\nContent-Security-Policy: default-src 'self'", head, StringComparison.Ordinal);
        Assert.Contains("\r\nX-Content-Type-Options: nosniff", head, StringComparison.Ordinal);
        Assert.Contains("\r\nX-Frame-Options: DENY", head, StringComparison.Ordinal);
        Assert.DoesNotContain("\r\nServer:", head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("A Host header is required.", raw, StringComparison.Ordinal);
        var serious = sink.Since(before).Where(e => e.Level >= LogEventLevel.Warning).ToList();
        Assert.True(serious.Count == 1, string.Join('\n', serious.Select(e => e.RenderMessage(CultureInfo.InvariantCulture))));
        Assert.Equal(LogEventLevel.Warning, serious[0].Level);
        Assert.Contains("without a Host header", serious[0].RenderMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>
    /// A page whose store fails is caught by the layout's error boundary (the page answers with its message); the 500
    /// path of the pipeline is the API's, checked in HostingTests. Either way: the headers, and nothing of the error.
    /// </summary>
    [Fact]
    public async Task A_page_that_fails_says_so_with_the_security_headers_and_nothing_of_the_error()
    {
        await using var factory = new TrackerFactory
        {
            Environment = "Staging",
            MoreServices = services => services.AddSingleton<MetaAiTracker.Core.Abstractions.ITrackerDbContextFactory, BrokenStore>(),
        };
        using var client = factory.NewClient();

        using var page = await client.GetAsync(new Uri("/sources", UriKind.Relative));
        using var api = await client.GetAsync(new Uri("/api/sources", UriKind.Relative));

        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong on this page", html, StringComparison.Ordinal);
        Assert.DoesNotContain(BrokenStore.Secret, html, StringComparison.Ordinal);
        SecurityHeaderTests.AssertSecurityHeaders(page);
        Assert.Equal(HttpStatusCode.InternalServerError, api.StatusCode);
        Assert.DoesNotContain(BrokenStore.Secret, await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        SecurityHeaderTests.AssertSecurityHeaders(api);
    }

    private sealed class BrokenStore : MetaAiTracker.Core.Abstractions.ITrackerDbContextFactory
    {
        public const string Secret = "password=hunter2";

        public Task<MetaAiTracker.Core.Abstractions.ITrackerDbContext> CreateAsync(CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException(Secret);
    }

    private static async Task<string> RawAsync(Uri address, string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(); // HTTP/1.0: the server closes the connection after its answer
    }

    [Fact]
    public async Task The_antiforgery_and_editor_cookies_are_secure_over_https()
    {
        await using var factory = new TrackerFactory();
        using var https = factory.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });

        using var page = await https.GetAsync(new Uri("/account/login", UriKind.Relative));

        var antiforgery = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", antiforgery, StringComparison.OrdinalIgnoreCase);

        using var browser = factory.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
        using var signedIn = await TrackerFactory.SignInAsync(browser, TrackerFactory.EditorEmail, TrackerFactory.EditorPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var editor = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("tracker.editor=", StringComparison.Ordinal));
        Assert.Contains("; secure", editor, StringComparison.OrdinalIgnoreCase);

        using var http = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var plain = await http.GetAsync(new Uri("/account/login", UriKind.Relative));
        Assert.DoesNotContain("; secure", Assert.Single(plain.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)),
            StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_copy_of_the_cookie_taken_before_sign_out_is_refused_after_it()
    {
        await using var factory = new TrackerFactory();
        using var client = await TrackerFactory.SignedInEditorAsync(factory);
        var copied = await CopyCookieAsync(client);
        using var thief = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        Assert.Equal(HttpStatusCode.OK, (await SendWithCookieAsync(thief, "/editor", copied)).StatusCode);

        var page = await client.GetStringAsync(new Uri("/timeline", UriKind.Relative));
        using var signOut = await client.PostAsync(new Uri("/account/logout", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TrackerFactory.HiddenValue(page, "__RequestVerificationToken"),
            ["returnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        using var after = await SendWithCookieAsync(thief, "/editor", copied);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private static async Task<string> CopyCookieAsync(HttpClient client)
    {
        // The client's handler keeps the cookie; a request echoes it back through the Cookie header we can read.
        using var probe = new HttpRequestMessage(HttpMethod.Get, new Uri("/editor", UriKind.Relative));
        using var response = await client.SendAsync(probe);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var header = probe.Headers.TryGetValues("Cookie", out var values) ? string.Join("; ", values) : null;
        Assert.NotNull(header);
        return header;
    }

    private static Task<HttpResponseMessage> SendWithCookieAsync(HttpClient client, string path, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task After_lock_out_a_real_editor_and_an_unknown_address_get_the_same_answer_in_similar_time()
    {
        await using var factory = new TrackerFactory { MaxFailedAttempts = 3 };
        using var client = factory.NewClient();
        const string unknown = "nobody-here@example.org";

        for (var i = 0; i < 3; i++)
        {
            await TrackerFactory.SignInAsync(client, TrackerFactory.EditorEmail, $"wrong-{i}");
            await TrackerFactory.SignInAsync(client, unknown, $"wrong-{i}");
        }

        var real = await AnswerAsync(client, TrackerFactory.EditorEmail, TrackerFactory.EditorPassword);
        var nobody = await AnswerAsync(client, unknown, TrackerFactory.EditorPassword);
        Assert.Equal(EditorSignIn.Refused, real);
        Assert.Equal(real, nobody);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri("/editor", UriKind.Relative))).StatusCode);

        // One password check, timed here with the app's own hasher, is the yardstick: both refusals cost about that.
        using var scope = factory.Services.CreateScope();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<IdentityUser>>();
        var someone = new IdentityUser("someone@example.org");
        var hash = hasher.HashPassword(someone, "a password");
        // Taken in turns, nine of each, so that a slow moment of the machine falls on all three alike.
        var (checks, refusedReal, unknowns) = (new List<double>(), new List<double>(), new List<double>());
        for (var i = 0; i < 9; i++)
        {
            checks.Add(await TimeAsync(() => { hasher.VerifyHashedPassword(someone, hash, "another password"); return Task.CompletedTask; }));
            refusedReal.Add(await TimeAsync(() => TrackerFactory.SignInAsync(client, TrackerFactory.EditorEmail, "wrong-again")));
            unknowns.Add(await TimeAsync(() => TrackerFactory.SignInAsync(client, unknown, "wrong-again")));
        }

        var (c, r, u) = (Median(checks), Median(refusedReal), Median(unknowns));

        Assert.True(r >= 0.6 * c, $"a locked editor's refusal took {r} ms, a password check {c} ms");
        Assert.True(u >= 0.6 * c, $"an unknown address's refusal took {u} ms, a password check {c} ms");
        Assert.InRange(u / r, 0.5, 2.0);
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> taken) => taken.Order().ElementAt(taken.Count / 2);

    private static async Task<string?> AnswerAsync(HttpClient client, string email, string password)
    {
        using var response = await TrackerFactory.SignInAsync(client, email, password);
        var html = await response.Content.ReadAsStringAsync();
        return html.Contains(EditorSignIn.Refused, StringComparison.Ordinal) ? EditorSignIn.Refused
            : html.Contains("locked", StringComparison.OrdinalIgnoreCase) ? "a locked message" : $"{(int)response.StatusCode}";
    }

    [Fact]
    public async Task Sign_in_posts_past_the_per_client_limit_get_429_with_retry_after_and_the_form_stays_open()
    {
        await using var factory = new TrackerFactory { AttemptsPerClient = 3 };
        using var client = factory.NewClient();

        for (var i = 0; i < 3; i++)
        {
            using var allowed = await TrackerFactory.SignInAsync(client, "someone@example.org", "wrong");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await TrackerFactory.SignInAsync(client, TrackerFactory.EditorEmail, TrackerFactory.EditorPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 15 * 60);
        Assert.StartsWith("Too many sign-in attempts from this address. Try again in ", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        SecurityHeaderTests.AssertSecurityHeaders(refused);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/account/login", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/themes", UriKind.Relative))).StatusCode);
    }
}
