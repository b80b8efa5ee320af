using System.Globalization;
using System.Text;
using System.Xml;
using MetaAiTracker.Core.Services;

namespace MetaAiTracker.Web.Api;

/// <summary>
/// Writes events as an Atom 1.0 feed (RFC 4287), newest first, one entry per event.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>feed <c>id</c>: <c>tag:metaaitracker,2025:feed</c>, followed by the filter's canonical query for a filtered feed.</item>
/// <item>entry <c>id</c>: a tag URI (RFC 4151), <c>tag:metaaitracker,2025:events/{slug}</c>, that stays the same whatever host serves the feed.</item>
/// <item><c>updated</c>: the first day the event's partial date can denote, at 00:00 UTC ("2025-08" → 2025-08-01T00:00:00Z).
/// The tracker keeps no edit history, so this is when the event happened as far as the sources say, not when the record changed.</item>
/// <item><c>link rel="alternate"</c>: the absolute URL of the event's page; a <c>category</c> per theme (term = slug, label = English name).</item>
/// <item><c>content</c> (HTML): the summary, then the event's sources: each quote in quotation marks with a link to its place in
/// the archived text, each report as the tracker's sentence attributed to its publisher, unquoted, with a link to the page read.</item>
/// </list>
/// </remarks>
public static class AtomFeed
{
    public const string Namespace = "http://www.w3.org/2005/Atom";
    public const string ContentType = "application/atom+xml; charset=utf-8";

    public static string EntryId(string slug) => $"tag:metaaitracker,2025:events/{slug}";

    /// <summary>The feed's own tag URI; a filtered feed is a different feed, so its canonical query is part of the id.</summary>
    public static string FeedId(string canonicalQuery) =>
        "tag:metaaitracker,2025:feed" + (string.IsNullOrEmpty(canonicalQuery) ? string.Empty : "?" + canonicalQuery);

    public static DateTimeOffset UpdatedOf(TimelineItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new DateTimeOffset(item.Date.Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    }

    /// <param name="feedId">The feed's id (<see cref="FeedId"/>).</param>
    /// <param name="items">The events, newest first.</param>
    /// <param name="selfUrl">Absolute URL of this feed (with its query).</param>
    /// <param name="alternateUrl">Absolute URL of the timeline page showing the same events.</param>
    /// <param name="eventUrl">Absolute URL of an event's page, by slug.</param>
    /// <param name="fallbackUpdated">The feed's <c>updated</c> when there are no entries.</param>
    /// <param name="citations">Each event's citations, by slug (none when absent).</param>
    /// <param name="baseUrl">The site's address, for the links to the source pages.</param>
    public static byte[] Write(string feedId, IReadOnlyList<TimelineItem> items, string selfUrl, string alternateUrl, Func<string, string> eventUrl, DateTimeOffset fallbackUpdated,
        IReadOnlyDictionary<string, IReadOnlyList<CitationView>>? citations = null, string baseUrl = "")
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(eventUrl);
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, NewLineChars = "\n" };
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Namespace);
            xml.WriteAttributeString("xml", "lang", null, "en");
            xml.WriteElementString("id", Namespace, feedId);
            xml.WriteElementString("title", Namespace, "MetaAiTracker: Meta's 2025 AI turmoil");
            xml.WriteElementString("subtitle", Namespace, "Events of Meta's 2025 AI turmoil, each cited to its source.");
            var updated = items.Count == 0 ? fallbackUpdated : items.Max(UpdatedOf);
            xml.WriteElementString("updated", Namespace, Rfc3339(updated));
            Link(xml, "self", AtomFeedMediaType, selfUrl);
            Link(xml, "alternate", "text/html", alternateUrl);
            xml.WriteStartElement("author", Namespace);
            xml.WriteElementString("name", Namespace, "MetaAiTracker");
            xml.WriteEndElement();
            xml.WriteElementString("generator", Namespace, "MetaAiTracker");

            foreach (var item in items)
            {
                xml.WriteStartElement("entry", Namespace);
                xml.WriteElementString("id", Namespace, EntryId(item.Slug));
                xml.WriteStartElement("title", Namespace);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(XmlSafe(item.TitleEn));
                xml.WriteEndElement();
                xml.WriteElementString("updated", Namespace, Rfc3339(UpdatedOf(item)));
                Link(xml, "alternate", "text/html", eventUrl(item.Slug));
                xml.WriteStartElement("summary", Namespace);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(XmlSafe(item.SummaryEn));
                xml.WriteEndElement();
                if (citations is not null && citations.TryGetValue(item.Slug, out var cited) && cited.Count > 0)
                {
                    xml.WriteStartElement("content", Namespace);
                    xml.WriteAttributeString("type", "html");
                    xml.WriteString(XmlSafe(ContentHtml(item, cited, baseUrl)));
                    xml.WriteEndElement();
                }

                foreach (var theme in item.Themes)
                {
                    xml.WriteStartElement("category", Namespace);
                    xml.WriteAttributeString("term", theme.Slug);
                    xml.WriteAttributeString("label", XmlSafe(theme.NameEn));
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return buffer.ToArray();
    }

    private const string AtomFeedMediaType = "application/atom+xml";

    /// <summary>The summary and the sources as HTML (escaped here, and escaped again as XML text by the writer).</summary>
    internal static string ContentHtml(TimelineItem item, IReadOnlyList<CitationView> citations, string baseUrl)
    {
        static string H(string text) => System.Net.WebUtility.HtmlEncode(text);
        var sb = new StringBuilder();
        sb.Append("<p>").Append(H(item.SummaryEn)).Append("</p><p>Sources:</p><ul>");
        foreach (var c in citations)
        {
            sb.Append("<li>");
            if (c.Kind == Core.Domain.CitationKind.Quote)
            {
                sb.Append("Quote: <q lang=\"").Append(H(c.Source.Language)).Append("\">").Append(H(c.Quote)).Append("</q>");
                if (!string.IsNullOrWhiteSpace(c.QuoteEn))
                {
                    sb.Append(" (our English rendering: ").Append(H(c.QuoteEn)).Append(')');
                }

                sb.Append(" — ").Append(H(c.Source.Attribution));
                if (c.ContextUrl is { } context)
                {
                    sb.Append(", <a href=\"").Append(H(baseUrl + context)).Append("\">show in context</a>");
                }
            }
            else
            {
                sb.Append("Report: ").Append(H(c.Display));
                if (c.Source.Url is { } url)
                {
                    sb.Append(" (<a href=\"").Append(H(url)).Append("\">page read</a>)");
                }
            }

            sb.Append("</li>");
        }

        return sb.Append("</ul>").ToString();
    }

    private static void Link(XmlWriter xml, string rel, string type, string href)
    {
        xml.WriteStartElement("link", Namespace);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string Rfc3339(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Drops characters XML 1.0 cannot carry (control characters, lone surrogates) instead of failing the whole feed.</summary>
    internal static string XmlSafe(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var firstBad = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsXmlChar(text, i, out var width))
            {
                firstBad = i;
                break;
            }

            i += width - 1;
        }

        if (firstBad < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        sb.Append(text, 0, firstBad);
        for (var i = firstBad; i < text.Length; i++)
        {
            if (IsXmlChar(text, i, out var width))
            {
                sb.Append(text, i, width);
                i += width - 1;
            }
        }

        return sb.ToString();
    }

    private static bool IsXmlChar(string text, int index, out int width)
    {
        width = 1;
        var c = text[index];
        if (char.IsHighSurrogate(c))
        {
            if (index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                width = 2;
                return true;
            }

            return false;
        }

        return !char.IsLowSurrogate(c) && XmlConvert.IsXmlChar(c);
    }
}
