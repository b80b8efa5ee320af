namespace MetaAiTracker.Tests.Shared;

/// <summary>Where the repository is, for tests that run its files (the web project's folder, the nginx example).</summary>
public static class Repository
{
    /// <summary>The folder that holds MetaAiTracker.sln, found upwards from the test's output folder.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MetaAiTracker.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("MetaAiTracker.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
