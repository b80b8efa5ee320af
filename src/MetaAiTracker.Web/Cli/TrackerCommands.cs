using System.CommandLine;
using MetaAiTracker.Data;
using MetaAiTracker.Data.Dataset;
using MetaAiTracker.Data.Editing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Cli;

/// <summary>
/// The operator's commands, built into the site's executable in the spirit of <c>dotnet ef</c>:
/// <c>dotnet run --project src/MetaAiTracker.Web -- dataset validate FILE</c>. With no verb the executable runs the
/// site. The commands read the same configuration as the site (appsettings, environment, <c>ConnectionStrings__Tracker</c>,
/// <c>Tracker:Database:Provider</c>). A mistake, on the command line or in the store, is one line on standard error
/// and a non-zero exit: 1 when the command ran and found a problem, 2 when it could not run. docs/operations.md lists
/// every verb.
/// </summary>
public static class TrackerCommands
{
    /// <summary>The first words that make the executable a command rather than the site.</summary>
    public static readonly IReadOnlyList<string> Verbs = ["dataset", "db"];

    public const int Ok = 0;
    public const int Found = 1;
    public const int Failed = 2;

    public static bool IsCommand(IReadOnlyList<string> args) => args.Count > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        output ??= Console.Out;
        error ??= Console.Error;
        var root = Build(output);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // One line: the word it did not know, if that is the mistake, else the first thing missing.
            var first = parsed.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parsed.Errors[0];
            await error.WriteLineAsync($"error: {first.Message} (see --help)");
            return Failed;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (CommandException ex)
        {
            await error.WriteLineAsync("error: " + ex.Message);
            return Failed;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Never a stack trace: the first line of what went wrong, and what it was.
            await error.WriteLineAsync($"error: {FirstLine(ex)}");
            return Failed;
        }
    }

    private static RootCommand Build(TextWriter output)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "a dataset document (JSON)" };
        var validate = new Command("validate", "Check a dataset document as an import would: every problem with its JSON path. Exit 0 valid, 1 invalid.") { file };
        validate.SetAction((result, cancellationToken) => ValidateAsync(result.GetValue(file)!, output, cancellationToken));

        var target = new Argument<FileInfo>("FILE") { Description = "where to write the dataset document" };
        var export = new Command("export", "Write the whole store in the dataset format, byte for byte what /api/dataset answers.") { target };
        export.SetAction((result, cancellationToken) => ExportAsync(result.GetValue(target)!, output, cancellationToken));

        var dataset = new Command("dataset", "Check and move dataset documents.") { validate, export };

        var migrate = new Command("migrate", "Apply the pending migrations to the configured database and exit.");
        migrate.SetAction((_, cancellationToken) => MigrateAsync(output, cancellationToken));

        var copy = new Argument<FileInfo>("FILE") { Description = "where to write the copy" };
        var backup = new Command("backup", "A consistent copy of the SQLite store while the site runs (SQLite's online backup).") { copy };
        backup.SetAction((result, cancellationToken) => BackupAsync(result.GetValue(copy)!, output, cancellationToken));

        var db = new Command("db", "The database: migrations and backups.") { migrate, backup };
        return new RootCommand("MetaAiTracker: with no command, runs the site; with one, does an operator's task and exits.") { dataset, db };
    }

    private static async Task<int> ValidateAsync(FileInfo file, TextWriter output, CancellationToken cancellationToken)
    {
        var bytes = await ReadAsync(file, cancellationToken);
        var result = ImportReader.Read(bytes, maxBytes: long.MaxValue);
        foreach (var note in result.Notes)
        {
            await output.WriteLineAsync($"note {note.Path}: {note.Message}");
        }

        if (result.IsValid)
        {
            var d = result.Document!;
            await output.WriteLineAsync($"{file.Name}: valid (schema version {d.SchemaVersion}; {d.Events?.Count ?? 0} events, {d.People?.Count ?? 0} people, " +
                $"{d.Organizations?.Count ?? 0} organisations, {d.Tenures?.Count ?? 0} tenures, {d.Figures?.Count ?? 0} figures, {d.Sources?.Count ?? 0} sources)");
            return Ok;
        }

        foreach (var problem in result.Problems)
        {
            await output.WriteLineAsync($"{problem.Path}: {problem.Message}");
        }

        var listed = result.Problems.Count;
        await output.WriteLineAsync($"{file.Name}: invalid ({listed} problem{(listed == 1 ? "" : "s")} listed)");
        return Found;
    }

    private static async Task<int> ExportAsync(FileInfo target, TextWriter output, CancellationToken cancellationToken)
    {
        await using var store = await CommandStore.OpenExistingAsync(cancellationToken);
        await using var db = await store.Contexts.CreateDbContextAsync(cancellationToken);
        var document = await DatasetExporter.ExportAsync(db, cancellationToken: cancellationToken);
        var bytes = DatasetReader.WriteUtf8(document);
        await WriteBesideThenMoveAsync(target, (partial, ct) => File.WriteAllBytesAsync(partial, bytes, ct), cancellationToken);
        await output.WriteLineAsync($"Wrote {target.FullName}: {document.Events?.Count ?? 0} events, {ImportReader.Size(bytes.Length)}.");
        return Ok;
    }

    private static async Task<int> MigrateAsync(TextWriter output, CancellationToken cancellationToken)
    {
        await using var store = CommandStore.Open();
        await using var db = await store.Contexts.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            await output.WriteLineAsync($"The database is up to date ({(await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Count()} migrations applied).");
            return Ok;
        }

        await db.Database.MigrateAsync(cancellationToken);
        await output.WriteLineAsync($"Applied {pending.Count} migration{(pending.Count == 1 ? "" : "s")}: {string.Join(", ", pending)}.");
        return Ok;
    }

    private static async Task<int> BackupAsync(FileInfo copy, TextWriter output, CancellationToken cancellationToken)
    {
        await using var store = CommandStore.Open();
        if (store.Provider != DatabaseProvider.Sqlite)
        {
            throw new CommandException("db backup copies a SQLite store; on PostgreSQL use its own tool, with the configured database: "
                + store.PgDumpCommand(copy.FullName));
        }

        await store.EnsureExistsAsync(cancellationToken);

        await WriteBesideThenMoveAsync(copy, async (partial, ct) =>
        {
            await using var source = new SqliteConnection(store.ConnectionString);
            await using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString());
            await source.OpenAsync(ct);
            await destination.OpenAsync(ct);
            // SQLite's online backup: a consistent snapshot page by page, while the site goes on reading and writing.
            source.BackupDatabase(destination);
        }, cancellationToken);

        await output.WriteLineAsync($"Wrote {copy.FullName}: {ImportReader.Size(copy.Length)}, a consistent copy of {store.DataSource}.");
        return Ok;
    }

    private static async Task<byte[]> ReadAsync(FileInfo file, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(file.FullName, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CommandException($"{file.FullName}: no such file");
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new CommandException($"{file.FullName}: cannot be read ({FirstLine(ex)})");
        }
    }

    /// <summary>
    /// Writes <paramref name="target"/> through a file beside it (<c>FILE.partial</c>), moved into place once complete:
    /// a failed export or backup never leaves half a file, and an unwritable place is one line.
    /// </summary>
    private static async Task WriteBesideThenMoveAsync(FileInfo target, Func<string, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var partial = target.FullName + ".partial";
        try
        {
            Directory.CreateDirectory(target.DirectoryName!);
            File.Delete(partial);
            await write(partial, cancellationToken);
            File.Move(partial, target.FullName, overwrite: true);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new CommandException($"{target.FullName}: cannot be written ({FirstLine(ex)})");
        }
        finally
        {
            File.Delete(partial); // gone after the move; after any failure, nothing is left behind
        }
    }

    internal static string FirstLine(Exception ex)
    {
        var message = ex.Message;
        var end = message.AsSpan().IndexOfAny('\r', '\n');
        return end < 0 ? message : message[..end];
    }
}

/// <summary>A refusal a command explains in one line.</summary>
public sealed class CommandException(string message) : Exception(message);
