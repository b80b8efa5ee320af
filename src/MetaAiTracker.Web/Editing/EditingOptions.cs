namespace MetaAiTracker.Web.Editing;

/// <summary>
/// The first editor's account (<c>Tracker:Admin</c>; environment <c>Tracker__Admin__Email</c>, <c>Tracker__Admin__Password</c>).
/// There is no default: without both, editing is unavailable and the site is read-only for everyone.
/// </summary>
public sealed class EditingOptions
{
    public const string Section = "Tracker:Admin";

    public string? Email { get; set; }

    public string? Password { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Email) && !string.IsNullOrWhiteSpace(Password);
}

/// <summary>How many failed sign-ins lock an account, and for how long (<c>Tracker:SignIn</c>).</summary>
public sealed class SignInLimits
{
    public const string Section = "Tracker:SignIn";

    public int MaxFailedAttempts { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    /// <summary>
    /// Sign-in posts one client address may make in <see cref="LockoutMinutes"/> (the built-in rate limiter; more get
    /// 429 with Retry-After). Below <see cref="MaxFailedAttempts"/> by default, so that one address alone cannot lock an
    /// editor out; raise it where many editors share one address (or configure the proxy, so that each is seen).
    /// </summary>
    public int AttemptsPerClient { get; set; } = 4;
}

/// <summary>Limits of the import page (<c>Tracker:Import</c>).</summary>
public sealed class ImportOptions
{
    public const string Section = "Tracker:Import";

    /// <summary>The largest file an editor may upload, in bytes (default 10 MB).</summary>
    public long MaxBytes { get; set; } = MetaAiTracker.Data.Editing.ImportReader.DefaultMaxBytes;
}

public static class Roles
{
    /// <summary>May create, change, delete, restore and import. Everyone else reads.</summary>
    public const string Editor = "Editor";
}
