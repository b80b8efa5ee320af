namespace MetaAiTracker.Benchmarks;

internal static class LoadCommand
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(0);
}
