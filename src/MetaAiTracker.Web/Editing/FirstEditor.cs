using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MetaAiTracker.Web.Editing;

/// <summary>
/// On start, creates the "Editor" role and, when <c>Tracker:Admin:Email</c> and <c>Tracker:Admin:Password</c> are both
/// set, the first editor's account (once: an existing account keeps its password and is only put back in the role).
/// Runs at start-up under the store's start lock (<see cref="Hosting.ScaleOut.OncePerDatabaseAsync"/>), so that two
/// instances starting together on an empty database do not both create the role or the account.
/// </summary>
public sealed class FirstEditor(IServiceScopeFactory scopes, IOptions<EditingOptions> options, ILogger<FirstEditor> logger)
{
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        var admin = options.Value;
        if (!admin.IsConfigured)
        {
            logger.LogInformation("Editing is not configured (set Tracker:Admin:Email and Tracker:Admin:Password); the site is read-only");
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (!await roles.RoleExistsAsync(Roles.Editor))
        {
            Check(await roles.CreateAsync(new IdentityRole(Roles.Editor)), "create the Editor role");
        }

        var email = admin.Email!.Trim();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
            Check(await users.CreateAsync(user, admin.Password!), $"create the editor {email}");
            logger.LogInformation("Created the first editor {Email}", email);
        }

        if (!await users.IsInRoleAsync(user, Roles.Editor))
        {
            Check(await users.AddToRoleAsync(user, Roles.Editor), $"make {email} an editor");
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
