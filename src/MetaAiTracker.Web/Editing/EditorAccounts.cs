using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MetaAiTracker.Web.Editing;

/// <summary>An editor's account as the Editors page lists it.</summary>
public sealed record EditorAccount(string Id, string Email, bool Locked, bool LockedByEditor, DateTimeOffset? LockedUntil);

/// <summary>The outcome of an account change: a sentence to show, and a generated password (shown once) if one was made.</summary>
public sealed record AccountResult(bool Succeeded, string Message, string? GeneratedPassword = null)
{
    public static AccountResult Refused(string message) => new(false, message);

    public static AccountResult Refused(IdentityResult result) => new(false, string.Join(" ", result.Errors.Select(e => e.Description)));
}

/// <summary>
/// Adds, locks, unlocks and removes editor accounts through Identity's <see cref="UserManager{TUser}"/>. An editor
/// cannot lock or remove their own account, and the last editor cannot be removed, so that editing never ends up
/// without anyone who can sign in (short of the operator's Tracker:Admin account, re-created on the next start).
/// </summary>
public sealed class EditorAccounts(UserManager<IdentityUser> users, IOptions<IdentityOptions> identity)
{
    /// <summary>A lock set by an editor lasts until another editor lifts it.</summary>
    public static readonly DateTimeOffset LockedByEditor = DateTimeOffset.MaxValue;

    public async Task<IReadOnlyList<EditorAccount>> ListAsync()
    {
        var editors = await users.GetUsersInRoleAsync(Roles.Editor);
        var list = new List<EditorAccount>();
        foreach (var user in editors.OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase))
        {
            var end = await users.GetLockoutEndDateAsync(user);
            var locked = await users.IsLockedOutAsync(user);
            list.Add(new EditorAccount(user.Id, user.Email ?? user.UserName ?? user.Id, locked, locked && end == LockedByEditor, locked ? end : null));
        }

        return list;
    }

    /// <summary>Creates an editor; with no <paramref name="password"/> a strong one is generated and returned once.</summary>
    public async Task<AccountResult> AddAsync(string email, string? password)
    {
        email = email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return AccountResult.Refused($"There is already an account for {email}.");
        }

        var generated = string.IsNullOrEmpty(password) ? GeneratePassword() : null;
        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        var created = await users.CreateAsync(user, generated ?? password!);
        if (!created.Succeeded)
        {
            return AccountResult.Refused(created);
        }

        var role = await users.AddToRoleAsync(user, Roles.Editor);
        if (!role.Succeeded)
        {
            await users.DeleteAsync(user);
            return AccountResult.Refused(role);
        }

        return new AccountResult(true, $"{email} is now an editor.", generated);
    }

    public async Task<AccountResult> SetLockedAsync(string actorEmail, string userId, bool locked)
    {
        if (await FindEditorAsync(userId) is not { } user)
        {
            return AccountResult.Refused("There is no such editor (any more).");
        }

        if (locked && IsSelf(user, actorEmail))
        {
            return AccountResult.Refused("You cannot lock your own account.");
        }

        var result = locked
            ? await users.SetLockoutEnabledAsync(user, true) is { Succeeded: true } ? await users.SetLockoutEndDateAsync(user, LockedByEditor) : IdentityResult.Failed()
            : await users.SetLockoutEndDateAsync(user, null);
        if (!result.Succeeded)
        {
            return AccountResult.Refused(result);
        }

        await users.ResetAccessFailedCountAsync(user);

        // A new security stamp ends the locked editor's open sessions at their next check.
        await users.UpdateSecurityStampAsync(user);
        return new AccountResult(true, locked ? $"{user.Email} is locked: they cannot sign in until unlocked." : $"{user.Email} is unlocked and can sign in again.");
    }

    public async Task<AccountResult> RemoveAsync(string actorEmail, string userId)
    {
        if (await FindEditorAsync(userId) is not { } user)
        {
            return AccountResult.Refused("There is no such editor (any more).");
        }

        if (IsSelf(user, actorEmail))
        {
            return AccountResult.Refused("You cannot remove your own account.");
        }

        if ((await users.GetUsersInRoleAsync(Roles.Editor)).Count <= 1)
        {
            return AccountResult.Refused("The last editor cannot be removed: add another editor first.");
        }

        var result = await users.DeleteAsync(user);
        return result.Succeeded ? new AccountResult(true, $"{user.Email} is no longer an editor; their account is removed.") : AccountResult.Refused(result);
    }

    /// <summary>A password Identity's rules accept: at least 20 characters with every required kind of character.</summary>
    public string GeneratePassword()
    {
        const string lower = "abcdefghijkmnopqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789", symbols = "!@#$%&*?-_+=";
        var rules = identity.Value.Password;
        var length = Math.Max(20, rules.RequiredLength);
        var all = lower + upper + digits + symbols;
        var chars = new List<char> { Pick(lower), Pick(upper), Pick(digits), Pick(symbols) };
        while (chars.Count < length || chars.Distinct().Count() < rules.RequiredUniqueChars)
        {
            chars.Add(Pick(all));
        }

        RandomNumberGenerator.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(chars));
        return new string([.. chars]);

        static char Pick(string set) => set[RandomNumberGenerator.GetInt32(set.Length)];
    }

    private async Task<IdentityUser?> FindEditorAsync(string userId) =>
        await users.FindByIdAsync(userId) is { } user && await users.IsInRoleAsync(user, Roles.Editor) ? user : null;

    private static bool IsSelf(IdentityUser user, string actorEmail) =>
        string.Equals(user.Email, actorEmail, StringComparison.OrdinalIgnoreCase) || string.Equals(user.UserName, actorEmail, StringComparison.OrdinalIgnoreCase);
}
