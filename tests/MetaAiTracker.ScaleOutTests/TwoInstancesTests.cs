using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MetaAiTracker.Data;
using MetaAiTracker.Data.Dataset;
using MetaAiTracker.Data.Editing;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.ScaleOutTests;

/// <summary>
/// Two instances on one PostgreSQL database (issue #8): they start together on an empty database without a migration
/// error or duplicated seed rows, share the editors' cookies and antiforgery tokens (Data Protection keys in the
/// database), and serve each other's edits.
/// </summary>
[Collection(TwoInstancesCollection.Name)]
public sealed class TwoInstancesTests(TwoInstancesFixture app)
{
    [Fact]
    public async Task Both_start_together_on_an_empty_database_without_a_migration_error_and_seed_once()
    {
        Assert.True(app.A.IsRunning && app.B.IsRunning);
        foreach (var instance in new[] { app.A, app.B })
        {
            Assert.DoesNotContain("FTL", instance.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("already exists", instance.Output, StringComparison.Ordinal);
            using var http = new HttpClient();
            using var health = JsonDocument.Parse(await http.GetStringAsync(instance.Url + "/health"));
            Assert.Equal("Healthy", health.RootElement.GetProperty("status").GetString());
            Assert.Equal("Postgres", health.RootElement.GetProperty("database").GetProperty("provider").GetString());
        }

        // Exactly one of them applied the migrations and seeded.
        Assert.Single(new[] { app.A, app.B }, i => i.Output.Contains("Seeded the store", StringComparison.Ordinal));
        Assert.Single(new[] { app.A, app.B }, i => i.Output.Contains("Applying", StringComparison.Ordinal));

        var shipped = ShippedDataset.Read().Document!;
        Assert.Equal(shipped.Events!.Count, await app.CountAsync("Events"));
        Assert.Equal(shipped.Sources!.Count, await app.CountAsync("Sources"));
        Assert.Equal(shipped.Themes!.Count, await app.CountAsync("Themes"));
        Assert.Equal(shipped.People!.Count, await app.CountAsync("People"));
        await using var db = NewContext();
        Assert.Equal(db.Database.GetMigrations().Count(), await app.CountAsync("__EFMigrationsHistory"));
        Assert.Equal(1, await app.CountAsync("DataProtectionKeys"));
        Assert.Equal(1, await app.CountAsync("AspNetUsers"));
        Assert.Equal(1, await app.CountAsync("AspNetRoles"));
    }

    [Fact]
    public async Task A_sign_in_form_from_A_posted_to_B_gives_a_cookie_that_both_accept()
    {
        // Cookies ignore the port, so one cookie jar carries A's cookies to B as a browser would across instances.
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var client = new HttpClient(handler);

        // Unsigned, the editing page sends to sign-in on both.
        foreach (var instance in new[] { app.A, app.B })
        {
            using var anonymous = await client.GetAsync(instance.Url + "/editor");
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        }

        // The form (and its antiforgery token and cookie) from A, posted to B: B must read what A protected.
        var form = await client.GetStringAsync(app.A.Url + "/account/login?returnUrl=%2Feditor");
        using var posted = await client.PostAsync(app.B.Url + "/account/login?returnUrl=%2Feditor", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Hidden(form, "__RequestVerificationToken"),
            ["_handler"] = Hidden(form, "_handler"),
            ["Input.Email"] = TwoInstancesFixture.EditorEmail,
            ["Input.Password"] = TwoInstancesFixture.EditorPassword,
        }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.EndsWith("/editor", posted.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // The sign-in cookie B issued opens the editor-only page on A, and on B.
        foreach (var instance in new[] { app.A, app.B })
        {
            using var editor = await client.GetAsync(instance.Url + "/editor");
            Assert.Equal(HttpStatusCode.OK, editor.StatusCode);
        }
    }

    [Fact]
    public async Task A_cookie_signed_in_on_A_is_accepted_by_B()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var client = new HttpClient(handler);
        var form = await client.GetStringAsync(app.A.Url + "/account/login?returnUrl=%2Feditor");
        using var posted = await client.PostAsync(app.A.Url + "/account/login?returnUrl=%2Feditor", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Hidden(form, "__RequestVerificationToken"),
            ["_handler"] = Hidden(form, "_handler"),
            ["Input.Email"] = TwoInstancesFixture.EditorEmail,
            ["Input.Password"] = TwoInstancesFixture.EditorPassword,
        }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        var cookie = handler.CookieContainer.GetCookies(new Uri(app.A.Url))["tracker.editor"];
        Assert.NotNull(cookie);

        // Only A's sign-in cookie, sent to B by hand: B opens the editor-only page with it.
        using var bare = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, app.B.Url + "/editor");
        request.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        using var response = await bare.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(TwoInstancesFixture.EditorEmail, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_edited_while_both_run_is_served_changed_by_both_and_a_stale_save_is_a_conflict()
    {
        using var http = new HttpClient();
        var slug = JsonDocument.Parse(await http.GetStringAsync(app.A.Url + "/api/events?pageSize=1")).RootElement
            .GetProperty("items")[0].GetProperty("slug").GetString()!;
        var before = await TitleAsync(http, app.B, slug);

        // The editing pages' own service, on the shared database, as instance A's editor page runs it.
        var editor = new DatasetEditor(new ContextFactory(this), TimeProvider.System);
        var loaded = (await editor.GetEventAsync(slug))!;
        var title = before + " (edited on A)";
        var saved = await editor.SaveEventAsync(loaded.Dto with { TitleEn = title }, loaded.Version, TwoInstancesFixture.EditorEmail);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Problems.Select(p => p.Message)));

        Assert.Equal(title, await TitleAsync(http, app.B, slug));
        Assert.Equal(title, await TitleAsync(http, app.A, slug));

        // Optimistic concurrency holds across instances: a form opened before the save cannot overwrite it.
        var stale = await editor.SaveEventAsync(loaded.Dto with { TitleEn = "a lost update" }, loaded.Version, "someone-else@example.org");
        Assert.Equal(SaveStatus.Conflict, stale.Status);
        Assert.Equal(title, await TitleAsync(http, app.B, slug));
    }

    private static async Task<string> TitleAsync(HttpClient http, AppInstance instance, string slug) =>
        JsonDocument.Parse(await http.GetStringAsync($"{instance.Url}/api/events/{slug}")).RootElement.GetProperty("titleEn").GetString()!;

    private TrackerDbContext NewContext() =>
        new(new DbContextOptionsBuilder<TrackerDbContext>().Use(DatabaseProvider.Postgres, app.Store.ConnectionString).Options);

    private sealed class ContextFactory(TwoInstancesTests tests) : IDbContextFactory<TrackerDbContext>
    {
        public TrackerDbContext CreateDbContext() => tests.NewContext();
    }

    private static string Hidden(string html, string name)
    {
        var match = Regex.Match(html, $"name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"|value=\"([^\"]*)\"[^>]*name=\"{Regex.Escape(name)}\"");
        Assert.True(match.Success, $"no hidden input {name} in the page");
        return WebUtility.HtmlDecode(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value);
    }
}
