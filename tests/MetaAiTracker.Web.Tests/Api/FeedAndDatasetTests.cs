using System.Globalization;
using System.Net;
using System.Xml.Linq;
using MetaAiTracker.Core.Services;
using MetaAiTracker.Data;
using MetaAiTracker.Data.Dataset;
using MetaAiTracker.Web.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.Web.Tests.Api;

/// <summary>/feed.atom is Atom 1.0 with one entry per event, newest first; /api/dataset is the whole store, importable.</summary>
[Collection(ApiCollection.Name)]
public sealed class FeedAndDatasetTests(SharedApp app)
{
    private static readonly XNamespace Atom = AtomFeed.Namespace;

    private async Task<(HttpResponseMessage Response, XDocument Feed)> FeedAsync(string query = "")
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(new Uri("/feed.atom" + query, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response, XDocument.Parse(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Feed_is_atom_with_one_entry_per_event_newest_first()
    {
        var (response, feed) = await FeedAsync();
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Atom + "feed", feed.Root!.Name);
        foreach (var required in new[] { "id", "title", "updated", "author" })
        {
            Assert.NotNull(feed.Root.Element(Atom + required));
        }

        Assert.Contains(feed.Root.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self");

        var expected = await ExportEndpoints.AllAsync(app.Services.GetRequiredService<TimelineService>(),
            new TimelineFilter { Sort = SortOrder.Descending }, CancellationToken.None);
        var entries = feed.Root.Elements(Atom + "entry").ToList();
        Assert.Equal(expected.Count, entries.Count);
        Assert.Equal(expected.Select(i => AtomFeed.EntryId(i.Slug)), entries.Select(e => (string?)e.Element(Atom + "id")));

        var updated = entries.Select(e => DateTimeOffset.Parse((string)e.Element(Atom + "updated")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(updated.OrderByDescending(u => u), updated); // newest first
        Assert.Equal(updated.Max(), DateTimeOffset.Parse((string)feed.Root.Element(Atom + "updated")!, CultureInfo.InvariantCulture));

        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var item = expected[i];
            Assert.Equal(item.TitleEn, (string?)entry.Element(Atom + "title"));
            Assert.Equal(item.SummaryEn, (string?)entry.Element(Atom + "summary"));
            Assert.Equal(new DateTimeOffset(item.Date.Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), updated[i]);
            var link = Assert.Single(entry.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "alternate");
            Assert.Equal($"http://localhost/events/{item.Slug}", (string?)link.Attribute("href"));
            Assert.Equal(item.Themes.Select(t => t.Slug), entry.Elements(Atom + "category").Select(c => (string?)c.Attribute("term")));
        }
    }

    [Fact]
    public async Task Feed_takes_the_timeline_filter()
    {
        var (_, feed) = await FeedAsync("?themes=talent");
        var expected = await ExportEndpoints.AllAsync(app.Services.GetRequiredService<TimelineService>(),
            new TimelineFilter { Themes = ["talent"], Sort = SortOrder.Descending }, CancellationToken.None);
        Assert.Equal(expected.Count, feed.Root!.Elements(Atom + "entry").Count());
        Assert.All(feed.Root.Elements(Atom + "entry"), e => Assert.Contains(e.Elements(Atom + "category"), c => (string?)c.Attribute("term") == "talent"));
        Assert.EndsWith("?themes=talent", (string)feed.Root.Element(Atom + "id")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_feed_is_still_valid_atom()
    {
        var (_, feed) = await FeedAsync("?q=no-event-says-this-xyzzy");
        Assert.Empty(feed.Root!.Elements(Atom + "entry"));
        Assert.NotNull(feed.Root.Element(Atom + "updated"));
    }

    [Fact]
    public void Characters_xml_cannot_carry_are_dropped_not_fatal()
    {
        Assert.Equal("ab", AtomFeed.XmlSafe("a\u0001b"));
        Assert.Equal("a\U0001F600b", AtomFeed.XmlSafe("a\U0001F600b"));
        Assert.Equal("ab", AtomFeed.XmlSafe("a\uD800b"));
        Assert.Equal("扎克伯格", AtomFeed.XmlSafe("扎克伯格"));
    }

    [Fact]
    public async Task Dataset_download_is_the_whole_store_in_the_dataset_format()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/dataset", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("meta-ai-2025.json", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        var read = DatasetReader.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.True(read.IsValid, string.Join("; ", read.Problems));
        var document = read.Document!;

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
        Assert.Equal(await db.Events.CountAsync(), document.Events!.Count);
        Assert.Equal(await db.People.CountAsync(), document.People!.Count);
        Assert.Equal(await db.Tenures.CountAsync(), document.Tenures!.Count);
        Assert.Equal(await db.Figures.CountAsync(), document.Figures!.Count);
        Assert.Equal(await db.Sources.CountAsync(), document.Sources!.Count);
        Assert.Equal(DatasetReader.Write(await DatasetExporter.ExportAsync(db)), DatasetReader.Write(document));
    }
}
