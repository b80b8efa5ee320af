using System.Diagnostics;
using System.Net;
using System.Text;
using MetaAiTracker.Data.Dataset;
using MetaAiTracker.Tests.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.Web.Tests.Cli;

/// <summary>
/// The operator's commands, run as an operator runs them: the real executable in its own process, configured by
/// environment variables, judged by its exit code and what it prints. SQLite runs only (the commands read the
/// provider from configuration like the site; PostgreSQL's backup answer is checked without a server).
/// </summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tracker-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private sealed record Run(int ExitCode, string Output, string Error);

    /// <summary><c>dotnet MetaAiTracker.Web.dll ARGS</c> from the web project's folder (its content root, as dotnet run has it).</summary>
    private static async Task<Run> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "MetaAiTracker.Web.dll"), .. args])
        {
            WorkingDirectory = Path.Combine(Repository.Root, "src", "MetaAiTracker.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Tracker__Database__Provider"] = "Sqlite";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Run(process.ExitCode, await output, await error);
    }

    private Dictionary<string, string> Store(string name = "t.db") =>
        new() { ["ConnectionStrings__Tracker"] = "Data Source=" + Path.Combine(_folder, name) };

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static void AssertOneLineError(Run run, int exitCode, string says)
    {
        Assert.Equal(exitCode, run.ExitCode);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, "stderr: " + run.Error);
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(says, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error + run.Output, StringComparison.Ordinal);
    }

    [SqliteFact]
    public async Task The_shipped_dataset_is_valid_with_its_counts()
    {
        var shipped = ShippedDataset.Read().Document!;
        var path = Path.Combine(Repository.Root, "src", "MetaAiTracker.Data", "Dataset", "meta-ai-2025.json");

        var run = await RunAsync(Store(), "dataset", "validate", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains($"meta-ai-2025.json: valid (schema version 2; {shipped.Events!.Count} events, {shipped.People!.Count} people", run.Output, StringComparison.Ordinal);
    }

    public static readonly TheoryData<string, string, string> Broken = new()
    {
        { "not JSON", "schemaVersion: 2", "$: the file is not JSON" },
        { "empty", "   ", "$: the file is empty" },
        { "an array", "[{\"schemaVersion\":2}]", "$: the file is a JSON array" },
        { "cut short", "{\"schemaVersion\":2,\"name\":\"x", "$.name: malformed JSON" },
        { "unknown property", "{\"schemaVersion\":2,\"colour\":\"red\"}", "$.colour: unknown property 'colour'" },
        { "wrong type", "{\"schemaVersion\":\"two\"}", "$.schemaVersion: wrong type of value: a number is expected here" },
        { "duplicate key", "{\"schemaVersion\":2,\"schemaVersion\":2}", "$.schemaVersion: the property 'schemaVersion' is given twice" },
        { "slug with a line break", "{\"schemaVersion\":2,\"themes\":[{\"slug\":\"talent\\n\",\"nameEn\":\"T\",\"nameZh\":\"人\",\"color\":\"#000000\"}]}", "$.themes[0].slug: 'talent\\n' is not a slug" },
        { "unknown version", "{\"schemaVersion\":9}", "$.schemaVersion: unsupported schema version 9" },
        { "an event missing everything", "{\"schemaVersion\":2,\"events\":[{}]}", "$.events[0].slug: required" },
    };

    [SqliteTheory]
    [MemberData(nameof(Broken))]
    public async Task A_broken_file_exits_1_with_each_problem_at_its_json_path(string name, string text, string line)
    {
        var path = Write("broken.json", text);

        var run = await RunAsync(Store(), "dataset", "validate", path);

        Assert.True(run.ExitCode == 1, $"{name}: exit {run.ExitCode}\n{run.Output}{run.Error}");
        Assert.Contains(run.Output.Split('\n'), l => l.StartsWith(line, StringComparison.Ordinal));
        Assert.Contains("broken.json: invalid (", run.Output, StringComparison.Ordinal);
    }

    [SqliteFact]
    public async Task Mistakes_are_one_line_and_a_non_zero_exit()
    {
        AssertOneLineError(await RunAsync(Store(), "dataset", "validate", Path.Combine(_folder, "missing.json")), 2, "missing.json: no such file");
        AssertOneLineError(await RunAsync(Store(), "dataset", "frobnicate"), 2, "Unrecognized command or argument 'frobnicate'");
        AssertOneLineError(await RunAsync(Store(), "dataset", "validate"), 2, "Required argument 'FILE' missing");
        AssertOneLineError(await RunAsync(Store(), "dataset", "export", Path.Combine(_folder, "out.json")), 2, "no database at ");
        AssertOneLineError(await RunAsync(new Dictionary<string, string>(Store()) { ["Tracker__Database__Provider"] = "Oracle" }, "db", "migrate"), 2,
            "Tracker:Database:Provider 'Oracle' is not one of: Sqlite, Postgres.");
        Assert.False(File.Exists(Path.Combine(_folder, "t.db")), "a failed command created the database");
    }

    [SqliteFact]
    public async Task Migrate_creates_the_tables_once_and_then_says_it_is_up_to_date()
    {
        var first = await RunAsync(Store(), "db", "migrate");
        var second = await RunAsync(Store(), "db", "migrate");

        Assert.Equal(0, first.ExitCode);
        Assert.Matches(@"^Applied \d+ migrations: \d+_InitialCreate, ", first.Output);
        Assert.Equal(0, second.ExitCode);
        Assert.StartsWith("The database is up to date (", second.Output, StringComparison.Ordinal);
        var exported = await RunAsync(Store(), "dataset", "export", Path.Combine(_folder, "empty.json"));
        Assert.Equal(0, exported.ExitCode); // a migrated store with nothing in it exports an empty document
    }

    [SqliteFact]
    public async Task Export_is_byte_for_byte_what_the_api_answers()
    {
        await using var site = new TrackerFactory();
        using var client = site.CreateClient();
        var api = await client.GetByteArrayAsync(new Uri("/api/dataset", UriKind.Relative));
        var connection = site.Services.GetRequiredService<IConfiguration>().GetConnectionString("Tracker")!;
        var target = Path.Combine(_folder, "export", "dataset.json");

        var run = await RunAsync(new Dictionary<string, string> { ["ConnectionStrings__Tracker"] = connection }, "dataset", "export", target);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(api, await File.ReadAllBytesAsync(target));
        Assert.False(File.Exists(target + ".partial"));
        Assert.Contains($"Wrote {target}: 70 events", run.Output, StringComparison.Ordinal);
    }

    [SqliteFact]
    public async Task A_backup_taken_while_the_site_serves_requests_opens_with_the_same_counts()
    {
        // Requests for as long as the backup takes: more than the API's 120 a minute on a slow machine.
        await using var site = new TrackerFactory { Settings = new Dictionary<string, string> { ["Tracker:RateLimit:PermitLimit"] = "1000000" } };
        using var client = site.CreateClient();
        var connection = site.Services.GetRequiredService<IConfiguration>().GetConnectionString("Tracker")!;
        var copy = Path.Combine(_folder, "backup", "tracker-copy.db");
        using var stop = new CancellationTokenSource();
        var served = 0;
        var reading = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await client.GetAsync(new Uri("/api/events?pageSize=50", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Interlocked.Increment(ref served);
                await Task.Delay(10); // steady reading, leaving the cores to the backup
            }
        });

        var run = await RunAsync(new Dictionary<string, string> { ["ConnectionStrings__Tracker"] = connection }, "db", "backup", copy);
        await stop.CancelAsync();
        await reading;

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(served > 0, "no request was served during the backup");
        Assert.Equal(await CountsAsync(new SqliteConnectionStringBuilder(connection).DataSource), await CountsAsync(copy));
        await using var db = new SqliteConnection($"Data Source={copy};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        await using var check = db.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", await check.ExecuteScalarAsync());
    }

    private static async Task<(long Events, long People, long Citations, long Editors)> CountsAsync(string file)
    {
        await using var db = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        async Task<long> Count(string table)
        {
            await using var command = db.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM \"{table}\"";
            return (long)(await command.ExecuteScalarAsync())!;
        }

        return (await Count("Events"), await Count("People"), await Count("Citations"), await Count("AspNetUsers"));
    }

    [SqliteFact]
    public async Task On_postgresql_backup_says_how_to_use_pg_dump_without_the_password()
    {
        var run = await RunAsync(new Dictionary<string, string>
        {
            ["Tracker__Database__Provider"] = "Postgres",
            ["ConnectionStrings__Tracker"] = "Host=db.example;Port=5433;Database=tracker;Username=tracker;Password=hunter2",
        }, "db", "backup", Path.Combine(_folder, "tracker.dump"));

        AssertOneLineError(run, 2, $"pg_dump --format=custom --file='{Path.Combine(_folder, "tracker.dump")}' --host=db.example --port=5433 --username=tracker tracker");
        Assert.DoesNotContain("hunter2", run.Error, StringComparison.Ordinal);
    }
}
