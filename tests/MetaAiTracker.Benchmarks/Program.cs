using System.Globalization;
using MetaAiTracker.Benchmarks;

// dotnet run -c Release --project tests/MetaAiTracker.Benchmarks -- <command> [options]
//   generate --events 100000 --seed 42 --out /tmp/x.json      writes a synthetic dataset (validated)
//   bench [--quick] [BenchmarkDotNet options, e.g. --filter *Timeline*]   runs the benchmarks (see docs/performance.md)
//   load --circuits 500 --seconds 60 --url http://127.0.0.1:5080         opens Blazor circuits against a local server
return args.Length == 0 ? Usage() : args[0] switch
{
    "generate" => GenerateCommand.Run(args[1..]),
    "bench" => BenchCommand.Run(args[1..]),
    "load" => await LoadCommand.RunAsync(args[1..]),
    "db" => await DatabaseCommand.RunAsync(args[1..]),
    "explain" => await ExplainCommand.RunAsync(args[1..]),
    "verify" => await VerifyCommand.RunAsync(args[1..]),
    "http" => await ApiHttpCommand.RunAsync(args[1..]),
    "time" => await TimeCommand.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage:
          generate --events N [--seed S] --out FILE.json
          db --events N [--seed S]                       build (or reuse) the benchmark database for N events; prints its path
          verify --events 1000,10000                     checks that each hand-SQL baseline gives the service's answer
          explain --events N [--only Timeline] [--warm 3]prints the SQL EF sends for each benchmark, with EXPLAIN QUERY PLAN
          bench [--quick] [BenchmarkDotNet arguments]    e.g. bench --quick --filter '*Timeline*'
          time [--events 1000,10000,100000] [--calls 30] [--only Timeline]   wall median/p95 and CPU per call
          http [--events 1000,10000,100000] [--requests 300]   GET /api/events over HTTP on the real app: median and p95
          load [--client protocol|browser] [--circuits 500] [--seconds 60] [--think 10000,30000] [--url http://127.0.0.1:5080] [--pid SERVER_PID]
        """);
    return 2;
}

/// <summary>Tiny "--name value" reader for the commands.</summary>
internal static class Options
{
    public static string? Get(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public static int GetInt(string[] args, string name, int fallback) =>
        Get(args, name) is { } text ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) : fallback;

    public static bool Has(string[] args, string name) => Array.IndexOf(args, name) >= 0;
}
