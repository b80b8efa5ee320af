using MetaAiTracker.Data.Dataset;
using MetaAiTracker.Tests.Shared;

namespace MetaAiTracker.Data.Tests;

/// <summary>Export → import → export gives the same document, and the export says what the shipped dataset says.</summary>
public sealed class ExportRoundTripTests
{
    [Fact]
    public async Task Export_import_export_gives_identical_json()
    {
        using var first = await TestDatabase.WithShippedDatasetAsync();
        var exported = await ExportJsonAsync(first);

        var reread = DatasetReader.Read(exported);
        Assert.True(reread.IsValid, "the export does not read back:\n" + string.Join('\n', reread.Problems));
        using var second = new TestDatabase();
        await second.LoadAsync(reread.Document!);
        var reexported = await ExportJsonAsync(second);

        Assert.Equal(exported, reexported);
        await using var db = second.CreateContext();
        Assert.Equal(TestDocuments.LinkCountsOf(ShippedDataset.Read().Document!), await TestDocuments.CountStoreAsync(db));
    }

    [Fact]
    public async Task The_export_keeps_every_event_of_the_shipped_dataset()
    {
        var shipped = ShippedDataset.Read().Document!;
        using var database = await TestDatabase.WithShippedDatasetAsync();
        var exported = DatasetReader.Read(await ExportJsonAsync(database)).Document!;

        Assert.Equal(shipped.Events!.Select(e => e.Slug), exported.Events!.Select(e => e.Slug));
        foreach (var (expected, actual) in shipped.Events!.Zip(exported.Events!))
        {
            Assert.Equal(expected.Date, actual.Date);
            Assert.Equal(expected.Themes!.Order(StringComparer.Ordinal), actual.Themes!.Order(StringComparer.Ordinal));
            Assert.Equal(expected.Citations!.Select(c => (c.Source, c.Quote, c.QuoteEn, c.Locator)), actual.Citations!.Select(c => (c.Source, c.Quote, c.QuoteEn, c.Locator)));
            Assert.Equal((expected.TitleEn, expected.TitleZh, expected.SummaryEn, expected.SummaryZh), (actual.TitleEn, actual.TitleZh, actual.SummaryEn, actual.SummaryZh));
            Assert.Equal((expected.Importance, expected.Status, expected.StatusNote), (actual.Importance, actual.Status, actual.StatusNote));
            Assert.Equal(expected.People!.Select(p => (p.Person, p.Role)).Order(), actual.People!.Select(p => (p.Person, p.Role)).Order());
            Assert.Equal(expected.Organizations!.Select(o => (o.Organization, o.Role)).Order(), actual.Organizations!.Select(o => (o.Organization, o.Role)).Order());
        }
    }

    [Fact]
    public async Task The_export_is_the_shipped_dataset_entity_by_entity()
    {
        var shipped = ShippedDataset.Read().Document!;
        using var database = await TestDatabase.WithShippedDatasetAsync();
        var exported = DatasetReader.Read(await ExportJsonAsync(database)).Document!;

        AssertSame("themes", shipped.Themes, exported.Themes, t => t.Slug);
        AssertSame("sources", shipped.Sources, exported.Sources, s => s.Slug);
        AssertSame("organizations", shipped.Organizations, exported.Organizations, o => o.Slug);
        AssertSame("people", shipped.People, exported.People, p => p.Slug);
        AssertSame("tenures", shipped.Tenures, exported.Tenures, t => t.Slug);
        AssertSame("events", shipped.Events, exported.Events, e => e.Slug);
        AssertSame("figures", shipped.Figures, exported.Figures, f => f.Slug);
    }

    /// <summary>Compares each entity as written by <see cref="DatasetReader.Write"/>, so that every field counts.</summary>
    private static void AssertSame<T>(string collection, List<T>? expected, List<T>? actual, Func<T, string?> slug)
    {
        static string Json(T item) => DatasetReader.Write(Wrap(item));
        var differences = expected!.Select(e => (Slug: slug(e), Expected: Json(e), Actual: actual!.Where(a => slug(a) == slug(e)).Select(Json).SingleOrDefault()))
            .Where(x => x.Expected != x.Actual)
            .Select(x => $"{collection} '{x.Slug}':\n  shipped:  {x.Expected}\n  exported: {x.Actual ?? "(missing)"}")
            .ToList();

        Assert.True(differences.Count == 0, string.Join('\n', differences));
        Assert.Equal(expected!.Count, actual!.Count);
    }

    private static DatasetDocument Wrap<T>(T item) => item switch
    {
        // The store keeps an event's themes, people and organisations as sets (link tables without a position),
        // and the export lists them by id; the order the dataset's author wrote them in is not kept.
        EventDto e when e.Themes is not null && e.People is not null && e.Organizations is not null => new DatasetDocument
        {
            Events =
            [
                e with
                {
                    Themes = [.. e.Themes.Order(StringComparer.Ordinal)],
                    People = [.. e.People.OrderBy(p => p.Person, StringComparer.Ordinal)],
                    Organizations = [.. e.Organizations.OrderBy(o => o.Organization, StringComparer.Ordinal)],
                },
            ],
        },
        ThemeDto t => new DatasetDocument { Themes = [t] },
        SourceDto s => new DatasetDocument { Sources = [s] },
        OrganizationDto o => new DatasetDocument { Organizations = [o] },
        PersonDto p => new DatasetDocument { People = [p] },
        TenureDto t => new DatasetDocument { Tenures = [t] },
        EventDto e => new DatasetDocument { Events = [e] },
        FigureDto f => new DatasetDocument { Figures = [f] },
        _ => throw new ArgumentOutOfRangeException(nameof(item)),
    };

    private static async Task<string> ExportJsonAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return DatasetReader.Write(await DatasetExporter.ExportAsync(db));
    }
}
