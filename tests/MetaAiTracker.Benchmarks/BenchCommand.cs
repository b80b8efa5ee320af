using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace MetaAiTracker.Benchmarks;

/// <summary>
/// <c>bench [--quick] [BenchmarkDotNet arguments]</c>. Runs in process (no second build of a generated project, which on
/// a 2-core machine shared with other builds costs minutes). Default: 3 warm-ups and 10 measured iterations per case;
/// <c>--quick</c>: BenchmarkDotNet's ShortRun (3 warm-ups, 3 iterations), for this machine. Results and logs go to
/// /tmp/metaaitracker-bench/results.
/// </summary>
internal static class BenchCommand
{
    public static int Run(string[] args)
    {
        var quick = Options.Has(args, "--quick");
        var rest = args.Where(a => a != "--quick").ToList();
        if (Options.Get(args, "--events") is { } sizes)
        {
            // In process, the benchmark class reads the sizes from the environment (ParamsSource).
            Environment.SetEnvironmentVariable("BENCH_EVENTS", sizes);
            rest.RemoveAt(rest.IndexOf("--events") + 1);
            rest.Remove("--events");
        }

        var job = (quick ? Job.ShortRun : Job.Default.WithWarmupCount(3).WithIterationCount(10))
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId(quick ? "Quick" : "Default");
        var config = DefaultConfig.Instance
            .AddJob(job)
            .AddColumn(StatisticColumn.Median, StatisticColumn.P95)
            .WithArtifactsPath(Path.Combine(BenchDatabase.Folder, "results"))
            .WithOptions(ConfigOptions.JoinSummary);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchCommand).Assembly).Run(rest.Count == 0 ? ["--filter", "*"] : [.. rest], config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
