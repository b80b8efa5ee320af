namespace MetaAiTracker.Benchmarks;

internal static class BenchCommand
{
    public static int Run(string[] args) => 0;
}
