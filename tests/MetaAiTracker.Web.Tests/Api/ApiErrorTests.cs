using System.Net;
using System.Text.Json;

namespace MetaAiTracker.Web.Tests.Api;

/// <summary>Every bad request is a 400 naming its parameter or a 404, always as ProblemDetails, never a 500.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiErrorTests(SharedApp app)
{
    private static readonly string TooLong = new('x', 201);
    private static readonly string FiftyOneThemes = string.Join(',', Enumerable.Range(1, 51).Select(i => $"t{i}"));

    /// <summary>(url, status, the parameter a 400 must name in errors).</summary>
    public static TheoryData<string, int, string?> Malformed => new()
    {
        { "/api/events?themes=no-such-theme", 400, "themes" },
        { "/api/events?themes=Talent", 400, "themes" },
        { "/api/events?themes=talent,no-such-theme", 400, "themes" },
        { "/api/events?themes=" + FiftyOneThemes, 400, "themes" },
        { "/api/events?people=nobody-at-all", 400, "people" },
        { "/api/events?people=Mark%20Zuckerberg", 400, "people" },
        { "/api/events?orgs=no-such-org", 400, "orgs" },
        { "/api/events?from=2025-13", 400, "from" },
        { "/api/events?to=2025-02-30", 400, "to" },
        { "/api/events?from=yesterday", 400, "from" },
        { "/api/events?from=2025-Q5", 400, "from" },
        { "/api/events?to=0000", 400, "to" },
        { "/api/events?from=2025-09&to=2025-06", 400, "from" },
        { "/api/events?pageSize=201", 400, "pageSize" },
        { "/api/events?pageSize=0", 400, "pageSize" },
        { "/api/events?page=abc", 400, "page" },
        { "/api/events?page=-1", 400, "page" },
        { "/api/events?page=1.5", 400, "page" },
        { "/api/events?page=99999999999999999999", 400, "page" },
        { "/api/events?sort=newest", 400, "sort" },
        { "/api/events?match=most", 400, "match" },
        { "/api/events?group=week", 400, "group" },
        { "/api/events?status=rumoured", 400, "status" },
        { "/api/events?q=" + TooLong, 400, "q" },
        { "/api/events.csv?themes=no-such-theme", 400, "themes" },
        { "/api/events.csv?from=2025-99", 400, "from" },
        { "/feed.atom?status=bogus", 400, "status" },
        { "/feed.atom?sort=sideways", 400, "sort" },
        { "/api/metrics/attrition?org=no-such-org", 400, "org" },
        { "/api/metrics/attrition?sub=maybe", 400, "sub" },
        { "/api/metrics/attrition?asOf=2025-02-29", 400, "asOf" },
        { "/api/metrics/attrition?asOf=later", 400, "asOf" },
        { "/api/metrics/attrition?from=2025-09&to=2025-06", 400, "from" },
        { "/api/metrics/attrition?from=soon", 400, "from" },
        { "/api/metrics/attrition?from=2025-09&asOf=2025-06", 400, "asOf" },
        { "/api/metrics/attrition?from=1900&asOf=2999&to=2999", 400, "from" },
        { "/api/people?lab=nowhere", 400, "lab" },
        { "/api/events/no-such-event", 404, null },
        { "/api/events/%3Cscript%3Ealert(1)%3C%2Fscript%3E", 404, null },
        { "/api/events/%E2%80%AEtneve", 404, null },
        { "/api/events/" + "x%2F..%2F..%2Fdataset", 404, null },
        { "/api/people/no-such-person", 404, null },
        { "/api/no-such-endpoint", 404, null },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_request_gets_a_problem_that_names_what_is_wrong(string url, int status, string? parameter)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.True(status == (int)response.StatusCode, $"{url} answered {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        using var problem = JsonDocument.Parse(body);
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.TryGetProperty("title", out _));
        Assert.True(problem.RootElement.TryGetProperty("traceId", out _));
        if (parameter is not null)
        {
            var errors = problem.RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty(parameter, out var messages), $"errors do not name '{parameter}': {errors}");
            Assert.NotEqual(0, messages.GetArrayLength());
        }
    }

    [Fact]
    public async Task Every_bad_parameter_is_reported_at_once()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri(
            "/api/events?themes=nope,BAD&match=x&status=y&from=2025-13&to=z&sort=up&group=week&page=0&pageSize=999&q=" + TooLong,
            UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        string[] expected = ["from", "group", "match", "page", "pageSize", "q", "sort", "status", "themes", "to"];
        Assert.Equal(expected, errors.Order(StringComparer.Ordinal));
        var themes = problem.RootElement.GetProperty("errors").GetProperty("themes").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(2, themes.Count); // 'BAD' is malformed and 'nope' is unknown: both said
    }

    /// <summary>Odd but legal input: answered 200, never 500.</summary>
    [Theory]
    [InlineData("/api/events?q=%25")]
    [InlineData("/api/events?q=_")]
    [InlineData("/api/events?q=%5C")]
    [InlineData("/api/events?q=%27%20OR%201%3D1%20--")]
    [InlineData("/api/events?q=%FF%FE")]
    [InlineData("/api/events?q=%00")]
    [InlineData("/api/events?q=%F0%9F%98%80")]
    [InlineData("/api/events?page=100000&pageSize=200")]
    [InlineData("/api/events?themes=talent&themes=partnerships")]
    [InlineData("/api/events?themes=%20talent%20,,")]
    [InlineData("/api/events?status=DISPUTED&sort=DESC&match=ALL")]
    [InlineData("/api/events?from=1900&to=2999")]
    [InlineData("/api/events?unknown=ignored")]
    [InlineData("/api/metrics/attrition?asOf=1900")]
    [InlineData("/api/metrics/attrition?org=meta&sub=false&asOf=2025-Q3")]
    [InlineData("/feed.atom?q=%E6%89%8E")]
    public async Task Odd_but_legal_input_is_answered(string url)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task A_wrong_method_is_a_problem_too()
    {
        using var client = app.CreateClient();
        using var response = await client.PostAsync(new Uri("/api/events", UriKind.Relative), new StringContent("{}"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
