using MetaAiTracker.Core.Domain;
using MetaAiTracker.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

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

    [Fact]
    public async Task A_store_made_before_quotes_and_reports_keeps_its_citations_as_reports_and_its_article_as_the_primary_article()
    {
        using var store = new EmptyStore();
        var options = new DbContextOptionsBuilder<TrackerDbContext>().Use(store.Provider, store.ConnectionString).Options;
        await using (var db = new TrackerDbContext(options))
        {
            var migrations = db.Database.GetMigrations().ToList();
            var previous = migrations[migrations.FindIndex(m => m.EndsWith("_SourcesAndCitationKinds", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(previous);

            // What such a store holds: sources without kinds, citations presented as quotes with free-text locators.
            var (yes, no) = store.Provider == DatabaseProvider.Postgres ? ("TRUE", "FALSE") : ("1", "0");
            var old = $"""
                INSERT INTO "Sources" ("Slug", "Title", "Publisher", "Published", "Language", "Url", "IsPrimary")
                VALUES ('article-zh', 'The article', 'Unknown', '2025-09', 'zh-Hans', NULL, {yes}),
                       ('techcrunch', 'A report', 'TechCrunch', '2025-08', 'en', NULL, {no});
                INSERT INTO "People" ("Slug", "Name", "Kind", "Version") VALUES ('ruben-mayer', 'Ruben Mayer', 'Staff', 0);
                INSERT INTO "Citations" ("SourceId", "Quote", "QuoteEn", "Locator", "PersonId")
                SELECT s."Id", 'words', NULL, CASE WHEN s."IsPrimary" THEN '¶6' ELSE 'public-reporting.md line 25' END, p."Id"
                FROM "Sources" s CROSS JOIN "People" p;
                """;
            await db.Database.ExecuteSqlRawAsync(old);
        }

        await using (var db = new TrackerDbContext(options))
        {
            await db.Database.MigrateAsync();
        }

        await using var check = new TrackerDbContext(options);
        var sources = await check.Sources.OrderBy(s => s.Slug).Select(s => new { s.Slug, s.Kind }).ToListAsync();
        Assert.Equal([("article-zh", SourceKind.Article), ("techcrunch", SourceKind.NewsReport)], sources.Select(s => (s.Slug, s.Kind)));
        var citations = await check.Citations.OrderBy(c => c.Id).ToListAsync();
        Assert.Equal(2, citations.Count);
        Assert.All(citations, c => Assert.Equal((CitationKind.Report, (QuoteLocator?)null), (c.Kind, c.Locator)));
        Assert.Empty(check.Database.GetPendingMigrations());
    }
}
