using System.Net;
using System.Text.RegularExpressions;
using MetaAiTracker.Web.Editing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.Web.Tests;

/// <summary>The static account pages driven as a browser does: change my password, and the Editors page.</summary>
public sealed class AccountTests
{
    private const string NewPassword = "Battery-Staple-2026!";

    [Fact]
    public async Task An_editor_changes_their_password_and_the_old_one_stops_working()
    {
        await using var factory = new TrackerFactory();
        using var client = await TrackerFactory.SignedInEditorAsync(factory);

        var page = await PostFormAsync(client, "/account/password", "change-password", new()
        {
            ["Input.CurrentPassword"] = TrackerFactory.EditorPassword, ["Input.NewPassword"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword,
        });

        Assert.Contains("data-testid=\"password-changed\"", page, StringComparison.Ordinal);
        // The session that changed it stays signed in (its cookie was renewed with the new security stamp).
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/password")).StatusCode);

        using var withOld = factory.NewClient();
        var old = await TrackerFactory.SignInAsync(withOld, TrackerFactory.EditorEmail, TrackerFactory.EditorPassword);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Contains("Not signed in: the email or the password is wrong, or the account is locked.", await old.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var withNew = factory.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await TrackerFactory.SignInAsync(withNew, TrackerFactory.EditorEmail, NewPassword)).StatusCode);
    }

    [Theory]
    [InlineData("wrong-current", NewPassword, NewPassword, "The current password is wrong.")]
    [InlineData(TrackerFactory.EditorPassword, "short", "short", "Passwords must be at least")]
    [InlineData(TrackerFactory.EditorPassword, NewPassword, "Something-Else-1!", "The two new passwords differ.")]
    public async Task A_refused_password_change_says_why_at_the_field_and_keeps_the_old_password(string current, string next, string again, string message)
    {
        await using var factory = new TrackerFactory();
        using var client = await TrackerFactory.SignedInEditorAsync(factory);

        var page = await PostFormAsync(client, "/account/password", "change-password", new()
        {
            ["Input.CurrentPassword"] = current, ["Input.NewPassword"] = next, ["Input.ConfirmPassword"] = again,
        });

        Assert.DoesNotContain("password-changed", page, StringComparison.Ordinal);
        Assert.Matches($"class=\"[^\"]*(validation-message|account-field-error)[^\"]*\"[^>]*>{Regex.Escape(WebUtility.HtmlEncode(message))}", page);
        using var again2 = factory.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await TrackerFactory.SignInAsync(again2, TrackerFactory.EditorEmail, TrackerFactory.EditorPassword)).StatusCode);
    }

    [Fact]
    public async Task An_editor_adds_an_editor_with_a_generated_password_who_can_then_sign_in_and_be_locked_and_removed()
    {
        await using var factory = new TrackerFactory();
        using var client = await TrackerFactory.SignedInEditorAsync(factory);

        var added = await PostFormAsync(client, "/account/editors", "add-editor", new() { ["Input.Email"] = "second@example.org", ["Input.Password"] = "" });
        var generated = WebUtility.HtmlDecode(Regex.Match(added, "data-testid=\"generated-password\"[^>]*>([^<]+)<").Groups[1].Value);
        Assert.True(generated.Length >= 20, $"generated password '{generated}'");
        Assert.Contains("second@example.org is now an editor.", added, StringComparison.Ordinal);

        using var second = factory.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await TrackerFactory.SignInAsync(second, "second@example.org", generated)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/editor")).StatusCode);

        var id = await UserIdAsync(factory, "second@example.org");
        var locked = await PostFormAsync(client, "/account/editors", "editor-actions", new() { ["Command"] = $"lock:{id}" });
        Assert.Contains("second@example.org is locked", locked, StringComparison.Ordinal);
        using var lockedOut = factory.NewClient();
        var refused = await TrackerFactory.SignInAsync(lockedOut, "second@example.org", generated);
        Assert.Contains("Not signed in: the email or the password is wrong, or the account is locked.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var unlocked = await PostFormAsync(client, "/account/editors", "editor-actions", new() { ["Command"] = $"unlock:{id}" });
        Assert.Contains("second@example.org is unlocked", unlocked, StringComparison.Ordinal);

        var confirm = await PostFormAsync(client, "/account/editors", "editor-actions", new() { ["Command"] = $"confirm-remove:{id}" });
        Assert.Contains("data-testid=\"confirm-remove\"", confirm, StringComparison.Ordinal);
        Assert.NotNull(await UserIdAsync(factory, "second@example.org"));
        var removed = await PostFormAsync(client, "/account/editors", "editor-actions", new() { ["Command"] = $"remove:{id}" });
        Assert.Contains("second@example.org is no longer an editor", removed, StringComparison.Ordinal);
        Assert.Null(await UserIdAsync(factory, "second@example.org"));
        using var gone = factory.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await TrackerFactory.SignInAsync(gone, "second@example.org", generated)).StatusCode);
    }

    [Fact]
    public async Task An_editor_cannot_lock_or_remove_themself()
    {
        await using var factory = new TrackerFactory();
        using var client = await TrackerFactory.SignedInEditorAsync(factory);
        var me = (await UserIdAsync(factory, TrackerFactory.EditorEmail))!;

        var locked = await PostFormAsync(client, "/account/editors", "editor-actions", new() { ["Command"] = $"lock:{me}" });
        var removed = await PostFormAsync(client, "/account/editors", "editor-actions", new() { ["Command"] = $"remove:{me}" });

        Assert.Contains("You cannot lock your own account.", locked, StringComparison.Ordinal);
        Assert.Contains("You cannot remove your own account.", removed, StringComparison.Ordinal);
        using var again = factory.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await TrackerFactory.SignInAsync(again, TrackerFactory.EditorEmail, TrackerFactory.EditorPassword)).StatusCode);
    }

    [Fact]
    public async Task The_last_editor_cannot_be_removed()
    {
        await using var factory = new TrackerFactory();
        using var client = await TrackerFactory.SignedInEditorAsync(factory);
        await PostFormAsync(client, "/account/editors", "add-editor", new() { ["Input.Email"] = "second@example.org", ["Input.Password"] = NewPassword });
        var first = (await UserIdAsync(factory, TrackerFactory.EditorEmail))!;
        var second = (await UserIdAsync(factory, "second@example.org"))!;

        await using var scope = factory.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<EditorAccounts>();

        // Two editors remove each other at once: the first removal goes through, the second would leave no editor.
        var one = await accounts.RemoveAsync(TrackerFactory.EditorEmail, second);
        var other = await accounts.RemoveAsync("second@example.org", first);

        Assert.True(one.Succeeded, one.Message);
        Assert.False(other.Succeeded);
        Assert.Equal("The last editor cannot be removed: add another editor first.", other.Message);
        Assert.Single(await accounts.ListAsync());
        Assert.NotNull(await UserIdAsync(factory, TrackerFactory.EditorEmail));
    }

    /// <summary>Posts one of a static page's forms as a browser would: the antiforgery token from a fresh GET, the form's name as _handler.</summary>
    private static async Task<string> PostFormAsync(HttpClient client, string path, string formName, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path);
        fields["__RequestVerificationToken"] = TrackerFactory.HiddenValue(page, "__RequestVerificationToken");
        fields["_handler"] = formName;
        var response = await client.PostAsync(path, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<string?> UserIdAsync(TrackerFactory factory, string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByEmailAsync(email))?.Id;
    }
}
