using MetaAiTracker.Data.Editing;
using MetaAiTracker.Tests.Shared;
using Npgsql;

namespace MetaAiTracker.Data.Tests;

/// <summary>
/// On PostgreSQL, instances share one database under read committed isolation; every dataset write (editor save,
/// delete, restore, import) first takes one transaction-scoped advisory lock, so two instances cannot both read the
/// same version and both write (SQLite gets the same from BEGIN IMMEDIATE).
/// </summary>
public sealed class PostgresWriteLockTests : EditorTestBase
{
    [PostgresFact]
    public async Task An_editor_save_waits_while_another_instance_holds_the_write_lock_and_then_sees_its_change()
    {
        var loaded = (await _editor.GetOrganizationAsync("scale-ai"))!;
        await using var other = new NpgsqlConnection(_database.ConnectionString);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({TrackerDatabase.WriteLockKey})", other, transaction))
        {
            await take.ExecuteNonQueryAsync();
        }

        // While "the other instance" holds the lock, it changes the organisation behind the editor's back.
        await using (var change = new NpgsqlCommand("""UPDATE "Organizations" SET "ShortName" = 'Other' WHERE "Slug" = 'scale-ai'""", other, transaction))
        {
            Assert.Equal(1, await change.ExecuteNonQueryAsync());
        }

        var save = _editor.SaveOrganizationAsync(loaded.Dto with { ShortName = "Mine" }, loaded.Version, Alice);
        await Task.WhenAny(save, Task.Delay(TimeSpan.FromSeconds(2)));
        Assert.False(save.IsCompleted, "the save ran although another instance held the write lock");

        await transaction.CommitAsync();
        var result = await save.WaitAsync(TimeSpan.FromSeconds(60));

        // Its version check ran after the other commit, so it reports the conflict instead of overwriting "Other".
        Assert.Equal((SaveStatus.Conflict, "Other"), (result.Status, result.Current!.ShortName));
        Assert.Equal("Other", (await _editor.GetOrganizationAsync("scale-ai"))!.Dto.ShortName);
    }
}
