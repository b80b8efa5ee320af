using Microsoft.AspNetCore.Identity;

namespace MetaAiTracker.Web.Editing;

/// <summary>
/// Signs an editor in so that, from outside, every refusal looks the same: a wrong password, an address that is no
/// editor's and a locked account (after failed sign-ins or by an editor) get one answer, and each takes about one
/// password check's time, because an unknown or locked account has a stand-in hash checked instead. Before, a wrong
/// password for a real editor took ~138 ms and an unknown address ~10 ms, and only a real account said "locked":
/// anyone could confirm an editor's address. Identity's lock-out stays; the per-client limit on sign-in posts
/// (<see cref="Hosting.RateLimiting"/>) keeps one address from using it to lock editors out.
/// </summary>
public sealed class EditorSignIn(SignInManager<IdentityUser> signIn, IPasswordHasher<IdentityUser> hasher)
{
    /// <summary>The one answer to every refused sign-in.</summary>
    public const string Refused = "Not signed in: the email or the password is wrong, or the account is locked.";

    private static readonly IdentityUser Nobody = new("nobody@invalid");
    private static string? s_standInHash;

    public async Task<bool> SignInAsync(string email, string password)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(password);
        var users = signIn.UserManager;
        var user = await users.FindByEmailAsync(email);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            // A hash made by this app's hasher, so that checking it costs what checking a real editor's does.
            s_standInHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N"));
            _ = hasher.VerifyHashedPassword(Nobody, s_standInHash, password);
            return false;
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        return result.Succeeded;
    }
}
