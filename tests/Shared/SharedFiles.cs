namespace MetaAiTracker.Tests.Shared;

/// <summary>Finds the shared/ folder that sits beside the repository (the article as it was received, and the sources register).</summary>
public static class SharedFiles
{
    public static string? ArticlePath => Find(Path.Combine("source", "meta-ai-turmoil.zh.txt"));

    public static string? RegisterPath => Find(Path.Combine("reference", "sources-register.md"));

    /// <summary>Looks for <c>shared/&lt;relative&gt;</c> in every folder above the test binaries and above the repo.</summary>
    public static string? Find(string relative)
    {
        var fromEnv = Environment.GetEnvironmentVariable("METAAITRACKER_SHARED");
        if (fromEnv is not null && File.Exists(Path.Combine(fromEnv, relative)))
        {
            return Path.Combine(fromEnv, relative);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A fact that reports itself skipped (not passed) when the shared article and register are not on this machine.</summary>
public sealed class RequiresSharedFilesFactAttribute : FactAttribute
{
    public RequiresSharedFilesFactAttribute()
    {
        if (SharedFiles.ArticlePath is null || SharedFiles.RegisterPath is null)
        {
            Skip = "shared/source/meta-ai-turmoil.zh.txt or shared/reference/sources-register.md is not beside the repository";
        }
    }
}
