using System.Text.Json.Nodes;
using MetaAiTracker.Data.Dataset;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Data.Tests;

/// <summary>Small dataset documents to break one thing at a time, and counts to compare a store against.</summary>
internal static class TestDocuments
{
    /// <summary>
    /// A small but complete valid document: every kind of entity, a parent organisation, a tenure with both
    /// dates, a disputed tenure and event (with their notes), both person kinds, a figure tied to an event.
    /// Index map: organizations[0] meta, [1] msl (parent meta), [2] scale-ai; people[0] ruben-mayer,
    /// [1] taylor-swift; events[0] meta-invests-in-scale-ai, [1] ruben-mayer-leaves-msl (disputed).
    /// </summary>
    public static JsonObject Valid() => (JsonObject)JsonNode.Parse(
        """
        {
          "schemaVersion": 2,
          "name": "test",
          "description": "A small document for tests.",
          "themes": [
            { "slug": "talent", "nameEn": "Talent", "nameZh": "人才", "color": "#1565C0" },
            { "slug": "partnerships", "nameEn": "Partnerships", "nameZh": "合作", "color": "#00695C", "description": "Deals." }
          ],
          "sources": [
            {
              "slug": "article-zh", "kind": "article", "title": "The article", "publisher": "Unknown", "published": "2025-09", "language": "zh-Hans", "isPrimary": true,
              "text": [
                "TL;DR:",
                "他不仅斥资143亿美元巨资,与数据标注独角兽Scale AI结盟。",
                "包括泰勒·斯威夫特、安妮·海瑟薇等顶级巨星。",
                "第四段。",
                "第五段。",
                "然而,前Scale AI高管Ruben Mayer仅两个月便辞职。"
              ]
            },
            { "slug": "techcrunch-2025-08-29", "kind": "news-report", "title": "Ruben Mayer left", "publisher": "TechCrunch", "published": "2025-08-29", "language": "en", "url": "https://techcrunch.com/" }
          ],
          "organizations": [
            { "slug": "meta", "name": "Meta Platforms", "kind": "company" },
            { "slug": "msl", "name": "Meta Superintelligence Labs", "nameZh": "Meta超级智能实验室", "shortName": "MSL", "parent": "meta", "kind": "lab" },
            { "slug": "scale-ai", "name": "Scale AI", "kind": "company" }
          ],
          "people": [
            {
              "slug": "ruben-mayer", "name": "Ruben Mayer", "bio": "Former Scale AI executive.", "kind": "staff",
              "citations": [ { "kind": "quote", "source": "article-zh", "quote": "前Scale AI高管Ruben Mayer仅两个月便辞职", "quoteEn": "Ruben Mayer resigned after two months", "locator": "¶6" } ]
            },
            {
              "slug": "taylor-swift", "name": "Taylor Swift", "nativeName": "泰勒·斯威夫特", "kind": "public-figure",
              "citations": [ { "kind": "quote", "source": "article-zh", "quote": "包括泰勒·斯威夫特、安妮·海瑟薇等顶级巨星" } ]
            }
          ],
          "tenures": [
            {
              "slug": "ruben-mayer-msl", "person": "ruben-mayer", "organization": "msl", "role": "Executive",
              "start": "2025-06", "end": "2025-08", "cameFrom": "scale-ai", "wentTo": null, "reason": "Personal reasons.",
              "status": "disputed", "statusNote": "Mayer says he left for personal reasons.",
              "citations": [ { "kind": "report", "source": "techcrunch-2025-08-29", "quote": "Ruben Mayer, a former Scale AI executive, left Meta about two months after joining MSL." } ]
            }
          ],
          "events": [
            {
              "slug": "meta-invests-in-scale-ai", "date": "2025-06-12",
              "titleEn": "Meta invests in Scale AI", "titleZh": "Meta投资Scale AI",
              "summaryEn": "Meta invests US$14.3B.", "summaryZh": "Meta投资143亿美元。",
              "themes": [ "partnerships" ],
              "organizations": [ { "organization": "meta", "role": "investor" }, { "organization": "scale-ai", "role": "investee" } ],
              "importance": 5, "status": "reported",
              "citations": [ { "kind": "quote", "source": "article-zh", "quote": "他不仅斥资143亿美元巨资,与数据标注独角兽Scale AI结盟" } ]
            },
            {
              "slug": "ruben-mayer-leaves-msl", "date": "2025-08",
              "titleEn": "Ruben Mayer leaves MSL", "titleZh": "Ruben Mayer离开MSL",
              "summaryEn": "He left after two months.", "summaryZh": "他两个月后离开。",
              "themes": [ "talent", "partnerships" ],
              "people": [ { "person": "ruben-mayer", "role": "departing executive" } ],
              "organizations": [ { "organization": "msl" } ],
              "importance": 3, "status": "disputed", "statusNote": "Mayer says he left for personal reasons.",
              "citations": [
                { "kind": "quote", "source": "article-zh", "quote": "前Scale AI高管Ruben Mayer仅两个月便辞职" },
                { "kind": "report", "source": "techcrunch-2025-08-29", "quote": "Ruben Mayer, a former Scale AI executive, left Meta about two months after joining MSL." }
              ]
            }
          ],
          "figures": [
            {
              "slug": "scale-ai-investment", "label": "Investment in Scale AI", "value": 14.3, "unit": "usd", "scale": "billion",
              "asOf": "2025-06-12", "measures": "Amount paid for the stake", "metric": "scale-ai-investment",
              "organization": "meta", "event": "meta-invests-in-scale-ai", "status": "reported",
              "citations": [ { "kind": "quote", "source": "article-zh", "quote": "他不仅斥资143亿美元巨资,与数据标注独角兽Scale AI结盟" } ]
            }
          ]
        }
        """)!;

    /// <summary>The counts a store must hold after loading <paramref name="document"/>, computed from the document.</summary>
    public static DatasetCounts CountsOf(DatasetDocument document) => new(
        Themes: document.Themes?.Count ?? 0,
        Sources: document.Sources?.Count ?? 0,
        Organizations: document.Organizations?.Count ?? 0,
        People: document.People?.Count ?? 0,
        Tenures: document.Tenures?.Count ?? 0,
        Events: document.Events?.Count ?? 0,
        Figures: document.Figures?.Count ?? 0,
        Citations: (document.People ?? []).Sum(p => p.Citations?.Count ?? 0)
                   + (document.Tenures ?? []).Sum(t => t.Citations?.Count ?? 0)
                   + (document.Events ?? []).Sum(e => e.Citations?.Count ?? 0)
                   + (document.Figures ?? []).Sum(f => f.Citations?.Count ?? 0));

    /// <summary>Counts every table, straight from SQL (not through the code under test), including the link tables.</summary>
    public static async Task<StoreCounts> CountStoreAsync(TrackerDbContext db) => new(
        new DatasetCounts(
            await db.Themes.CountAsync(),
            await db.Sources.CountAsync(),
            await db.Organizations.CountAsync(),
            await db.People.CountAsync(),
            await db.Tenures.CountAsync(),
            await db.Events.CountAsync(),
            await db.Figures.CountAsync(),
            await db.Citations.CountAsync()),
        EventThemes: await db.Set<Dictionary<string, object>>("EventThemes").CountAsync(),
        EventPeople: await db.EventPeople.CountAsync(),
        EventOrganizations: await db.EventOrganizations.CountAsync());

    public static StoreCounts LinkCountsOf(DatasetDocument document) => new(
        CountsOf(document),
        EventThemes: (document.Events ?? []).Sum(e => e.Themes?.Count ?? 0),
        EventPeople: (document.Events ?? []).Sum(e => e.People?.Count ?? 0),
        EventOrganizations: (document.Events ?? []).Sum(e => e.Organizations?.Count ?? 0));

    public static StoreCounts Empty { get; } = new(new DatasetCounts(0, 0, 0, 0, 0, 0, 0, 0), 0, 0, 0);
}

/// <summary>Row counts of every table of the store.</summary>
internal sealed record StoreCounts(DatasetCounts Rows, int EventThemes, int EventPeople, int EventOrganizations);
