using System.Diagnostics;
using System.Globalization;

namespace MetaAiTracker.Benchmarks;

/// <summary>
/// <c>time [--events 1000,10000,100000] [--calls 30]</c>: a plain loop beside BenchmarkDotNet, for a machine shared with
/// other jobs. Each service call and its hand-SQL baseline are run alternately, uncached (the services cache nothing),
/// timed one by one: median and p95 of the wall time, and the process's CPU time per call (user + system, all
/// threads). On a busy machine the wall time includes waiting for a core; the CPU time does not, so it estimates what
/// the call costs on a quiet one (slightly high: it includes the GC's and the runtime's background threads).
/// </summary>
internal static class TimeCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var calls = Options.GetInt(args, "--calls", 30);
        Console.WriteLine($"{"events",7} {"call",-26} {"median",10} {"p95",10} {"cpu/call",10}");
        foreach (var events in (Options.Get(args, "--events") ?? "1000,10000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)))
        {
            var b = new TrackerBenchmarks { Events = events };
            await b.SetupAsync();
            var cases = new (string Name, Func<Task> Run)[]
            {
                ("Timeline_Service", b.Timeline_Service), ("Timeline_HandSql", b.Timeline_HandSql),
                ("TextSearch_Service", b.TextSearch_Service), ("TextSearch_ServiceSqlOnly", b.TextSearch_ServiceSqlOnly), ("TextSearch_HandSql", b.TextSearch_HandSql),
                ("TimelineWarm_Service", b.TimelineWarm_Service), ("TextSearchWarm_Service", b.TextSearchWarm_Service),
                ("TextSearchRareZh_Service", b.TextSearchRareZh_Service), ("TextSearchRareZh_HandSql", b.TextSearchRareZh_HandSql),
                ("TextSearchRareEn_Service", b.TextSearchRareEn_Service), ("TextSearchRareEn_HandSql", b.TextSearchRareEn_HandSql),
                ("ApiEvents_Service", b.ApiEvents_Service), ("ApiEvents_HandSql", b.ApiEvents_HandSql),
                ("ProjectionBuild_Service", b.ProjectionBuild_Service), ("ProjectionBuild_HandSql", b.ProjectionBuild_HandSql),
            };
            foreach (var (name, run) in cases.Where(c => Options.Get(args, "--only") is not { } only || c.Name.StartsWith(only, StringComparison.Ordinal)))
            {
                for (var i = 0; i < 3; i++)
                {
                    await run();
                }

                var wall = new List<double>(calls);
                var process = Process.GetCurrentProcess();
                var cpuBefore = process.TotalProcessorTime;
                for (var i = 0; i < calls; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    await run();
                    wall.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }

                process.Refresh();
                var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / calls;
                wall.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{events,7} {name,-26} {wall[wall.Count / 2],7:F1} ms {wall[Math.Min(wall.Count - 1, (int)Math.Ceiling(0.95 * wall.Count) - 1)],7:F1} ms {cpu,7:F1} ms"));
            }
        }

        return 0;
    }
}
