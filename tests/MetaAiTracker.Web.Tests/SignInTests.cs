using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

// Each test hosts the app; Program sets Serilog's static bootstrap logger, which two hosts starting at once would share.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace MetaAiTracker.Web.Tests;

/// <summary>The static sign-in form driven as a browser does (antiforgery token from the GET), lock-out, sign-out.</summary>
public sealed class SignInTests
{
    [Fact]
    public async Task The_editor_signs_in_with_the_configured_password_and_lands_on_the_return_address()
    {
        await using var factory = new TrackerFactory();
        using var client = factory.NewClient();

        var response = await TrackerFactory.SignInAsync(client, TrackerFactory.EditorEmail, TrackerFactory.EditorPassword, "/editor/import");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/editor/import", new Uri(new Uri("http://localhost"), response.Headers.Location!).PathAndQuery);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("tracker.editor=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/editor/import")).StatusCode);
    }

    [Fact]
    public async Task A_return_address_on_another_site_is_ignored()
    {
        await using var factory = new TrackerFactory();
        using var client = factory.NewClient();

        var response = await TrackerFactory.SignInAsync(client, TrackerFactory.EditorEmail, TrackerFactory.EditorPassword, "//evil.example/phish");

        Assert.Equal("http://localhost/", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsoluteUri);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_without_saying_which_part_was_wrong()
    {
        await using var factory = new TrackerFactory();
        using var client = factory.NewClient();

        var response = await TrackerFactory.SignInAsync(client, TrackerFactory.EditorEmail, "wrong");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Not signed in: the email or the password is wrong, or the account is locked.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("tracker.editor=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/editor")).StatusCode);
    }

    [Fact]
    public async Task After_the_configured_number_of_failures_the_account_is_locked_even_for_the_right_password()
    {
        await using var factory = new TrackerFactory { MaxFailedAttempts = 3 };
        using var client = factory.NewClient();

        for (var i = 1; i <= 2; i++)
        {
            var failed = await TrackerFactory.SignInAsync(client, TrackerFactory.EditorEmail, $"wrong-{i}");
            Assert.Contains("Not signed in: the email or the password is wrong, or the account is locked.", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var third = await TrackerFactory.SignInAsync(client, TrackerFactory.EditorEmail, "wrong-3");
        Assert.Contains("Not signed in: the email or the password is wrong, or the account is locked.", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var right = await TrackerFactory.SignInAsync(client, TrackerFactory.EditorEmail, TrackerFactory.EditorPassword);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("Not signed in: the email or the password is wrong, or the account is locked.", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/editor")).StatusCode);
    }

    [Fact]
    public async Task The_default_lock_out_is_five_failures()
    {
        await using var factory = new TrackerFactory();
        using var client = factory.NewClient();

        // The answer is the same locked or not (EditorSignIn), so the store says when the lock-out began.
        for (var i = 1; i <= 4; i++)
        {
            await TrackerFactory.SignInAsync(client, TrackerFactory.EditorEmail, $"wrong-{i}");
            Assert.False(await IsLockedOutAsync(factory), $"locked after {i} failures");
        }

        var fifth = await TrackerFactory.SignInAsync(client, TrackerFactory.EditorEmail, "wrong-5");
        Assert.Contains("Not signed in: the email or the password is wrong, or the account is locked.", await fifth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await IsLockedOutAsync(factory));
    }

    private static async Task<bool> IsLockedOutAsync(TrackerFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await users.IsLockedOutAsync((await users.FindByEmailAsync(TrackerFactory.EditorEmail))!);
    }

    [Fact]
    public async Task A_sign_in_post_without_the_antiforgery_token_is_refused()
    {
        await using var factory = new TrackerFactory();
        using var client = factory.NewClient();

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in", ["Input.Email"] = TrackerFactory.EditorEmail, ["Input.Password"] = TrackerFactory.EditorPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("tracker.editor=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Signing_out_is_a_post_with_the_token_and_ends_the_editors_access()
    {
        await using var factory = new TrackerFactory();
        using var client = await TrackerFactory.SignedInEditorAsync(factory);
        var page = await client.GetStringAsync("/timeline");

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/editor")).StatusCode);

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TrackerFactory.HiddenValue(page, "__RequestVerificationToken"),
            ["returnUrl"] = "/timeline",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/timeline", new Uri(new Uri("http://localhost"), response.Headers.Location!).PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/editor")).StatusCode);
    }

    [Fact]
    public async Task Without_the_admin_settings_editing_is_unavailable_and_the_sign_in_page_says_so()
    {
        await using var factory = new TrackerFactory { WithEditor = false };
        using var client = factory.NewClient();

        var page = await client.GetStringAsync("/account/login");
        Assert.Contains("Editing is not configured on this server.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("type=\"password\"", page, StringComparison.Ordinal);

        var home = await client.GetStringAsync("/");
        Assert.DoesNotContain("data-testid=\"sign-in-link\"", home, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/editor")).StatusCode);
    }

    [Fact]
    public async Task With_the_admin_settings_the_app_bar_offers_sign_in_and_read_pages_hide_edit_buttons()
    {
        await using var factory = new TrackerFactory();
        using var anonymous = factory.NewClient();
        using var editor = await TrackerFactory.SignedInEditorAsync(factory);

        Assert.Contains("data-testid=\"sign-in-link\"", await anonymous.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"edit-event\"", await anonymous.GetStringAsync("/events/ruben-mayer-leaves-msl"), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"edit-event\"", await editor.GetStringAsync("/events/ruben-mayer-leaves-msl"), StringComparison.Ordinal);
    }
}
