using MetaAiTracker.Core.Domain;
using MetaAiTracker.Data.Dataset;
using MetaAiTracker.Tests.Shared;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Data.Tests;

/// <summary>What the SQLite schema itself enforces (docs/data-model.md), checked against a real file.</summary>
public sealed class DataModelTests
{
    [Fact]
    public async Task A_citation_without_an_owner_is_refused_by_the_check_constraint()
    {
        using var database = await SmallStoreAsync();
        await using var db = database.CreateContext();
        var source = await db.Sources.FirstAsync();

        db.Citations.Add(new Citation { Source = source, Quote = "orphan" });

        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Contains("CK_Citations_ExactlyOneOwner", refused.InnerException?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_citation_with_two_owners_is_refused_by_the_check_constraint()
    {
        using var database = await SmallStoreAsync();
        await using var db = database.CreateContext();

        db.Citations.Add(new Citation
        {
            Source = await db.Sources.FirstAsync(), Quote = "twice",
            Event = await db.Events.FirstAsync(), Person = await db.People.FirstAsync(),
        });

        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Contains("CK_Citations_ExactlyOneOwner", refused.InnerException?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_fact_deletes_its_citations_but_a_cited_source_cannot_be_deleted()
    {
        using var database = await SmallStoreAsync();
        await using var db = database.CreateContext();
        var before = await db.Citations.CountAsync();
        var eventCitations = await db.Citations.CountAsync(c => c.Event!.Slug == "ruben-mayer-leaves-msl");

        // Plain SQL, so that the database (not EF's change tracker) does the cascading.
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "Events" WHERE "Slug" = 'ruben-mayer-leaves-msl'""");
        Assert.Equal(before - eventCitations, await db.Citations.CountAsync());

        var refused = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("""DELETE FROM "Sources" WHERE "Slug" = 'article-zh'"""));
        Assert.Contains("FOREIGN KEY", refused.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_event_date_is_stored_as_its_canonical_text_and_its_span()
    {
        using var database = await SmallStoreAsync();
        await using var db = database.CreateContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // SQLite stores the span as text, PostgreSQL as date columns; both print them the same way.
        command.CommandText = """SELECT "Date", CAST("DateStart" AS TEXT), CAST("DateEnd" AS TEXT) FROM "Events" WHERE "Slug" = 'ruben-mayer-leaves-msl'""";
        await using var reader = await command.ExecuteReaderAsync();

        Assert.True(await reader.ReadAsync());
        Assert.Equal(("2025-08", "2025-08-01", "2025-08-31"), (reader.GetString(0), reader.GetString(1), reader.GetString(2)));
    }

    [Fact]
    public async Task Partial_dates_read_back_at_their_precision()
    {
        using var database = await SmallStoreAsync();
        await using var db = database.CreateContext();

        var tenure = await db.Tenures.SingleAsync(t => t.Slug == "ruben-mayer-msl");
        var evt = await db.Events.SingleAsync(e => e.Slug == "ruben-mayer-leaves-msl");

        Assert.Equal(PartialDate.OfMonth(2025, 6), tenure.Start);
        Assert.Equal(DatePrecision.Month, evt.Date.Precision);
        Assert.Equal(new DateOnly(2025, 8, 31), evt.DateEnd);
        Assert.Equal(1, await db.Events.CountAsync(e => e.DateStart <= new DateOnly(2025, 8, 15) && e.DateEnd >= new DateOnly(2025, 8, 15)));
    }

    [Fact]
    public async Task In_the_shipped_dataset_public_figures_hold_no_tenures()
    {
        using var database = await TestDatabase.WithShippedDatasetAsync();
        await using var db = database.CreateContext();

        var publicFiguresWithTenures = await db.People.Where(p => p.Kind == PersonKind.PublicFigure && p.Tenures.Any()).Select(p => p.Slug).ToListAsync();

        Assert.Empty(publicFiguresWithTenures);
        Assert.True(await db.People.AnyAsync(p => p.Kind == PersonKind.PublicFigure));
    }

    private static async Task<TestDatabase> SmallStoreAsync()
    {
        var database = new TestDatabase();
        await database.LoadAsync(DatasetReader.Read(TestDocuments.Valid().ToJsonString()).Document!);
        return database;
    }
}
