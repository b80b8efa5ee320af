using System.Net;
using MetaAiTracker.Data;
using MetaAiTracker.Web.Editing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.Web.Tests;

/// <summary>Anonymous visitors can reach no editor page and no write path; a signed-in editor reaches them all.</summary>
public sealed class AccessTests(TrackerFactory factory) : IClassFixture<TrackerFactory>
{
    public static TheoryData<string> EditorPages =>
    [
        "/editor",
        "/editor/import",
        "/editor/events/new",
        "/editor/events/ruben-mayer-leaves-msl/edit",
        "/editor/people/new",
        "/editor/people/ruoming-pang/edit",
        "/editor/figures/new",
        "/editor/figures/scale-ai-stake-49/edit",
        "/editor/tenures/new",
        "/editor/tenures/new?person=ruoming-pang",
        "/editor/tenures/ruoming-pang-msl/edit",
        "/editor/organizations/new",
        "/editor/organizations/tbd-lab/edit",
        "/editor/sources/new",
        "/editor/sources/article-zh/edit",
        "/account/password",
        "/account/editors",
    ];

    [Theory]
    [MemberData(nameof(EditorPages))]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_from_every_editor_page(string path)
    {
        using var client = factory.NewClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login?ReturnUrl=" + Uri.EscapeDataString(path), response.Headers.Location!.OriginalString);
    }

    [Theory]
    [MemberData(nameof(EditorPages))]
    public async Task An_anonymous_post_to_an_editor_page_is_refused_and_changes_nothing(string path)
    {
        using var client = factory.NewClient();
        var before = await CountsAsync();

        var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "event-editor", ["TitleEn"] = "<script>alert(1)</script>",
        }));

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden,
            $"POST {path} answered {(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/account/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [MemberData(nameof(EditorPages))]
    public async Task A_signed_in_editor_opens_every_editor_page(string path)
    {
        using var client = await TrackerFactory.SignedInEditorAsync(factory);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_editor_route_requires_the_editor_role()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("editor", StringComparison.OrdinalIgnoreCase) == true)
            .ToList();

        Assert.True(endpoints.Count >= 14, $"found only {endpoints.Count} editor routes");
        Assert.All(endpoints, e => Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Roles == Roles.Editor));
    }

    [Theory]
    [InlineData("/account/password")]
    [InlineData("/account/editors")]
    public void Every_account_page_for_editors_requires_the_editor_role(string path)
    {
        var endpoint = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText == path && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true);

        Assert.Contains(endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Roles == Roles.Editor);
    }

    /// <summary>
    /// Every route that accepts a write method either requires the Editor role, or refuses a request without an
    /// antiforgery token (the sign-in form, sign-out, and the read pages, which Blazor maps for form posts too).
    /// The circuit's own hub (/_blazor) carries no writes of its own: editor actions in it check the role again.
    /// </summary>
    [Fact]
    public async Task Every_write_path_is_closed_to_anonymous_requests()
    {
        using var client = factory.NewClient();
        var writes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Any(m => m is "POST" or "PUT" or "PATCH" or "DELETE") == true)
            .Where(e => e.RoutePattern.RawText?.StartsWith("/_blazor", StringComparison.Ordinal) != true)
            .ToList();
        Assert.NotEmpty(writes);
        var before = await CountsAsync();

        foreach (var endpoint in writes)
        {
            var path = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                _ => "ruben-mayer-leaves-msl",
            }))));
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Where(m => m is "POST" or "PUT" or "PATCH" or "DELETE"))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "1" }) };
                var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                var refused = status is 400 or 401 or 403 or 404 or 405 or 415
                              || (status == 302 && response.Headers.Location?.OriginalString.Contains("/account/login", StringComparison.Ordinal) == true);
                Assert.True(refused, $"{method} {path} ({endpoint.DisplayName}) answered {status} to an anonymous request");
            }
        }

        Assert.Equal(before, await CountsAsync());
    }

    private async Task<(int Events, int People, int Figures, int Changes, int Users, string Titles)> CountsAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrackerDbContext>();
        return (await db.Events.CountAsync(), await db.People.CountAsync(), await db.Figures.CountAsync(), await db.ChangeRecords.CountAsync(), await db.Users.CountAsync(),
            string.Join('|', await db.Events.OrderBy(e => e.Id).Select(e => e.TitleEn).ToListAsync()));
    }
}
