using System.Net;
using System.Text.Json;
using MetaAiTracker.Tests.Shared;
using Microsoft.AspNetCore.Http;

namespace MetaAiTracker.Web.Tests.Api;

/// <summary>What running behind a proxy and on either provider changes in hosting: /health and forwarded headers.</summary>
[Collection(ApiCollection.Name)]
public sealed class ScaleOutHostingTests(SharedApp app)
{
    [Fact]
    public async Task Health_names_the_database_provider()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", health.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", health.RootElement.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal(TestProvider.Current.ToString(), health.RootElement.GetProperty("database").GetProperty("provider").GetString());
    }

    [Fact]
    public async Task X_Forwarded_For_is_believed_from_loopback_and_ignored_from_anyone_else()
    {
        using var limited = new TrackerAppFactory(new Dictionary<string, string?>
        {
            ["Tracker:RateLimit:PermitLimit"] = "2",
            ["Tracker:RateLimit:WindowSeconds"] = "120",
        });
        var server = limited.Server;

        async Task<int> Get(string remote, string forwardedFor) => (await server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = "/api/themes";
            context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        })).Response.StatusCode;

        // From nginx on loopback: three clients, three budgets of two.
        foreach (var client in new[] { "198.51.100.1", "198.51.100.2", "198.51.100.3" })
        {
            Assert.Equal(200, await Get("127.0.0.1", client));
            Assert.Equal(200, await Get("127.0.0.1", client));
        }

        Assert.Equal(429, await Get("127.0.0.1", "198.51.100.1"));

        // From an unknown sender, the header is ignored: a new made-up address each time does not buy a new budget.
        Assert.Equal(200, await Get("203.0.113.9", "192.0.2.1"));
        Assert.Equal(200, await Get("203.0.113.9", "192.0.2.2"));
        Assert.Equal(429, await Get("203.0.113.9", "192.0.2.3"));
    }
}
