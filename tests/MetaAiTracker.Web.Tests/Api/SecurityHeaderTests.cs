using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace MetaAiTracker.Web.Tests.Api;

/// <summary>The security headers are on every kind of response, and the CSP allows exactly the scripts the pages have.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class SecurityHeaderTests(SharedApp app)
{
    public static TheoryData<string, int> Responses => new()
    {
        { "/", 200 },
        { "/timeline", 200 },
        { "/api/events", 200 },
        { "/app.css", 200 },
        { "/favicon.svg", 200 },
        { "/no-such-page", 404 },
        { "/api/events/no-such-event", 404 },
        { "/api/events?from=2025-13", 400 },
        { "/feed.atom", 200 },
        { "/api/events.csv", 200 },
        { "/openapi/v1.json", 200 },
        { "/health", 200 },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Every_response_carries_the_security_headers(string url, int status)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(status, (int)response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task A_not_modified_answer_carries_them_too()
    {
        using var client = app.CreateClient();
        using var first = await client.GetAsync(new Uri("/api/themes", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/themes", UriKind.Relative));
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        AssertSecurityHeaders(second);
    }

    internal static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var policy = Policy(response);
        foreach (var directive in new[]
                 {
                     "default-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "font-src 'self' data:",
                     "connect-src 'self' ws: wss:", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "object-src 'none'",
                 })
        {
            Assert.Contains(directive, policy, StringComparison.Ordinal);
        }

        var scriptSrc = policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.StartsWith("script-src 'self'", scriptSrc, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", scriptSrc, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", scriptSrc, StringComparison.Ordinal);

        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Single(response, "Referrer-Policy"));
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
    }

    /// <summary>
    /// The page's only inline script is the import map, and the policy allows it by its hash; a new inline script
    /// (or inline event handler) would be blocked in the browser, so it fails here first.
    /// </summary>
    [Theory]
    [InlineData("/")]
    [InlineData("/timeline")]
    [InlineData("/no-such-page")]
    public async Task The_pages_only_inline_script_is_the_import_map_and_its_hash_is_allowed(string url)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        var inline = InlineScript().Matches(html).Where(m => !m.Groups["attrs"].Value.Contains("src=", StringComparison.Ordinal)).ToList();
        var importMap = Assert.Single(inline);
        Assert.Contains("type=\"importmap\"", importMap.Groups["attrs"].Value, StringComparison.Ordinal);
        var hash = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap.Groups["body"].Value)));
        Assert.Contains($"'{hash}'", Policy(response), StringComparison.Ordinal);

        Assert.DoesNotMatch(InlineHandler(), html);
        Assert.DoesNotContain(ScriptSources().Matches(html), m => m.Groups[1].Value.StartsWith("http", StringComparison.OrdinalIgnoreCase)
            || m.Groups[1].Value.StartsWith("//", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_framework_adds_no_second_frame_ancestors_policy()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri("/timeline", UriKind.Relative));
        Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("frame-ancestors 'self'", Policy(response), StringComparison.Ordinal);
    }

    private static string Policy(HttpResponseMessage response) => Single(response, "Content-Security-Policy");

    private static string Single(HttpResponseMessage response, string header)
    {
        Assert.True(response.Headers.TryGetValues(header, out var values) || response.Content.Headers.TryGetValues(header, out values),
            $"{response.RequestMessage?.RequestUri} has no {header} header");
        return Assert.Single(values!);
    }

    [GeneratedRegex("<script(?<attrs>[^>]*)>(?<body>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();

    [GeneratedRegex("""\son[a-z]+\s*=\s*["']""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();

    [GeneratedRegex("<script[^>]*\\ssrc=\"([^\"]*)\"")]
    private static partial Regex ScriptSources();
}
