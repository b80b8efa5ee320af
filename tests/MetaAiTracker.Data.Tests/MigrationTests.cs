using MetaAiTracker.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Data.Tests;

public sealed class MigrationTests
{
    [Fact]
    public void Migrations_apply_to_an_empty_file_and_leave_nothing_pending()
    {
        using var database = new TestDatabase();
        using var db = database.CreateContext();

        Assert.Empty(db.Database.GetPendingMigrations());
        Assert.NotEmpty(db.Database.GetAppliedMigrations());
        Assert.Equal(0, db.Events.Count());
        Assert.False(db.Database.HasPendingModelChanges(), "the model has changes that no migration captures");
    }
}
