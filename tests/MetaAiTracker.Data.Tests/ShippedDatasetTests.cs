using MetaAiTracker.Core.Domain;
using MetaAiTracker.Data.Dataset;
using MetaAiTracker.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Data.Tests;

/// <summary>The shipped dataset (meta-ai-2025.json) is valid, loads completely and keeps the floors issue #2 sets.</summary>
public sealed class ShippedDatasetTests
{
    private static readonly string[] SevenThemes =
        ["talent", "data-quality", "models-open-source", "partnerships", "organization-culture", "ethics-regulation", "capital-markets"];

    [Fact]
    public void Shipped_dataset_reads_with_zero_problems()
    {
        var result = ShippedDataset.Read();

        Assert.True(result.Problems.Count == 0, "problems in meta-ai-2025.json:\n" + string.Join('\n', result.Problems));
        Assert.NotNull(result.Document);
        Assert.Equal(DatasetReader.SupportedSchemaVersion, result.Document.SchemaVersion);
    }

    [Fact]
    public async Task Shipped_dataset_loads_into_an_empty_store_with_the_counts_of_the_document()
    {
        var document = ShippedDataset.Read().Document!;
        using var database = new TestDatabase();

        DatasetCounts reported;
        await using (var db = database.CreateContext())
        {
            Assert.Equal(TestDocuments.Empty, await TestDocuments.CountStoreAsync(db));
            reported = await DatasetLoader.LoadAsync(db, document);
        }

        var expected = TestDocuments.LinkCountsOf(document);
        await using var check = database.CreateContext();
        Assert.Equal(expected, await TestDocuments.CountStoreAsync(check));
        Assert.Equal(expected.Rows, reported);
        Assert.Equal(expected.Rows, await DatasetCounts.OfStoreAsync(check));
    }

    [Fact]
    public async Task Shipped_dataset_has_at_least_twenty_events_covering_all_seven_themes()
    {
        using var database = await TestDatabase.WithShippedDatasetAsync();
        await using var db = database.CreateContext();

        Assert.True(await db.Events.CountAsync() >= 20, $"only {await db.Events.CountAsync()} events");
        var themes = await db.Themes.Select(t => new { t.Slug, Events = t.Events.Count }).ToListAsync();
        Assert.Equal(SevenThemes.Order(), themes.Select(t => t.Slug).Order());
        Assert.All(themes, t => Assert.True(t.Events > 0, $"theme '{t.Slug}' is used by no event"));
    }

    [Fact]
    public async Task The_article_is_the_one_primary_source()
    {
        using var database = await TestDatabase.WithShippedDatasetAsync();
        await using var db = database.CreateContext();

        var primary = await db.Sources.Where(s => s.IsPrimary).ToListAsync();
        var article = Assert.Single(primary);
        Assert.Equal("article-zh", article.Slug);
        Assert.Equal("zh-Hans", article.Language);
        Assert.All(await db.Sources.Where(s => !s.IsPrimary).ToListAsync(), s => Assert.Equal("en", s.Language));
    }

    [Fact]
    public async Task Every_event_person_tenure_and_figure_in_the_store_has_a_citation()
    {
        using var database = await TestDatabase.WithShippedDatasetAsync();
        await using var db = database.CreateContext();

        var uncited = new List<string>();
        uncited.AddRange((await db.Events.Where(e => !e.Citations.Any()).Select(e => e.Slug).ToListAsync()).Select(s => $"event '{s}'"));
        uncited.AddRange((await db.People.Where(p => !p.Citations.Any()).Select(p => p.Slug).ToListAsync()).Select(s => $"person '{s}'"));
        uncited.AddRange((await db.Tenures.Where(t => !t.Citations.Any()).Select(t => t.Slug).ToListAsync()).Select(s => $"tenure '{s}'"));
        uncited.AddRange((await db.Figures.Where(f => !f.Citations.Any()).Select(f => f.Slug).ToListAsync()).Select(s => $"figure '{s}'"));

        Assert.True(uncited.Count == 0, "without a citation: " + string.Join(", ", uncited));
        Assert.True(await db.Events.AnyAsync() && await db.People.AnyAsync() && await db.Tenures.AnyAsync() && await db.Figures.AnyAsync());

        // And no citation is left without an owner or with an empty quote.
        Assert.Equal(0, await db.Citations.CountAsync(c => c.EventId == null && c.PersonId == null && c.TenureId == null && c.FigureId == null));
        Assert.Equal(0, await db.Citations.CountAsync(c => c.Quote.Trim() == ""));
    }

    [Fact]
    public async Task Every_stored_quote_stands_at_its_locator_in_the_stored_text_and_every_report_has_an_addressed_source()
    {
        using var database = await TestDatabase.WithShippedDatasetAsync();
        await using var db = database.CreateContext();

        var texts = (await db.SourceParagraphs.ToListAsync()).GroupBy(p => p.SourceId)
            .ToDictionary(g => g.Key, g => new SourceText(g.OrderBy(p => p.Number).Select(p => p.Text).ToList()));
        var citations = await db.Citations.Include(c => c.Source).ToListAsync();
        var quotes = citations.Where(c => c.Kind == CitationKind.Quote).ToList();

        Assert.True(quotes.Count >= 70, $"{quotes.Count} quotes in the store");
        Assert.All(quotes, q => Assert.Equal(q.Quote, texts[q.SourceId].At(q.Locator!.Value)));
        Assert.All(citations.Where(c => c.Kind == CitationKind.Report), r =>
        {
            Assert.Null(r.Locator);
            Assert.StartsWith("https://", r.Source.Url, StringComparison.Ordinal);
        });
        Assert.Equal(["article-zh"], await db.Sources.Where(s => s.Paragraphs.Any()).Select(s => s.Slug).ToListAsync());
    }

    [Fact]
    public async Task Disputed_and_denied_claims_in_the_store_carry_a_status_note()
    {
        using var database = await TestDatabase.WithShippedDatasetAsync();
        await using var db = database.CreateContext();
        ClaimStatus[] needNote = [ClaimStatus.Disputed, ClaimStatus.Denied];

        var missing = new List<string>();
        missing.AddRange(await db.Events.Where(e => needNote.Contains(e.Status) && (e.StatusNote == null || e.StatusNote == "")).Select(e => "event " + e.Slug).ToListAsync());
        missing.AddRange(await db.Tenures.Where(t => needNote.Contains(t.Status) && (t.StatusNote == null || t.StatusNote == "")).Select(t => "tenure " + t.Slug).ToListAsync());
        missing.AddRange(await db.Figures.Where(f => needNote.Contains(f.Status) && (f.StatusNote == null || f.StatusNote == "")).Select(f => "figure " + f.Slug).ToListAsync());

        Assert.True(missing.Count == 0, "disputed or denied without a note: " + string.Join(", ", missing));
        Assert.True(await db.Events.AnyAsync(e => e.Status == ClaimStatus.Disputed), "Ruben Mayer disputes the account of his departure");
    }

    [Fact]
    public async Task The_article_attrition_figure_is_disputed_next_to_the_signalfire_reading()
    {
        // The article's 64% attrition most likely misreads SignalFire's 64% two-year retention.
        using var database = await TestDatabase.WithShippedDatasetAsync();
        await using var db = database.CreateContext();

        var attrition = await db.Figures.Include(f => f.Citations).ThenInclude(c => c.Source)
            .Where(f => f.Metric == "attrition-rate" && f.Citations.Any(c => c.Source.IsPrimary)).ToListAsync();
        var claim = Assert.Single(attrition, f => f.Value == 64m);
        Assert.Equal(ClaimStatus.Disputed, claim.Status);
        Assert.False(string.IsNullOrWhiteSpace(claim.StatusNote));
        Assert.True(await db.Figures.AnyAsync(f => f.Citations.Any(c => c.Source.Slug == "signalfire-2025-05-20")),
            "the SignalFire reading must stand beside the article's figure");
    }
}
