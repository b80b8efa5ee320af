using System.Globalization;
using System.Text;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;

namespace MetaAiTracker.Web.Api;

/// <summary>
/// Writes timeline events as RFC 4180 CSV: a header row, CRLF line ends, every field that holds a comma, a quote or
/// a line break in double quotes with its quotes doubled. The bytes start with the UTF-8 byte order mark so that
/// Excel reads the Chinese titles as UTF-8. Lists (themes, people, organisations) are slugs joined by ';'. The last two
/// columns say where each event's facts come from, and how: <c>quotes</c> holds the exact words of the archived text, in
/// quotation marks, with the source and the place they stand (<c>“…” (article-zh ¶5:23-51)</c>); <c>reports</c> holds the
/// tracker's own sentences, attributed and never quoted, with the page read (<c>TechCrunch reported that … (https://…)</c>).
/// Several are joined by " | ".
/// </summary>
public static class EventCsv
{
    public static readonly string[] Columns =
        ["slug", "date", "precision", "title_en", "title_zh", "summary_en", "status", "status_note", "themes", "people", "organizations", "url", "quotes", "reports"];

    public const string ListSeparator = " | ";

    public static byte[] Write(IEnumerable<TimelineItem> items, Func<string, string> eventUrl,
        IReadOnlyDictionary<string, IReadOnlyList<CitationView>>? citations = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(eventUrl);
        IReadOnlyList<CitationView> Of(string slug) => citations is not null && citations.TryGetValue(slug, out var c) ? c : [];
        var sb = new StringBuilder();
        WriteRow(sb, Columns);
        foreach (var item in items)
        {
            WriteRow(sb,
            [
                item.Slug,
                item.Date.ToString(),
                EnumText.ToText(item.Date.Precision),
                item.TitleEn,
                item.TitleZh,
                item.SummaryEn,
                EnumText.ToText(item.Status),
                item.StatusNote ?? string.Empty,
                string.Join(';', item.Themes.Select(t => t.Slug)),
                string.Join(';', item.People.Select(p => p.Slug)),
                string.Join(';', item.Organizations.Select(o => o.Slug)),
                eventUrl(item.Slug),
                string.Join(ListSeparator, Of(item.Slug).Where(c => c.Kind == CitationKind.Quote).Select(Quoted)),
                string.Join(ListSeparator, Of(item.Slug).Where(c => c.Kind == CitationKind.Report).Select(Reported)),
            ]);
        }

        var preamble = Encoding.UTF8.GetPreamble();
        var text = Encoding.UTF8.GetBytes(sb.ToString());
        var bytes = new byte[preamble.Length + text.Length];
        preamble.CopyTo(bytes, 0);
        text.CopyTo(bytes, preamble.Length);
        return bytes;
    }

    /// <summary>“…” (article-zh ¶5:23-51)</summary>
    public static string Quoted(CitationView c) => $"{c.Display} ({c.Source.Slug}{(c.Locator is { } at ? " " + at : "")})";

    /// <summary>TechCrunch reported that … (https://…)</summary>
    public static string Reported(CitationView c) => c.Source.Url is { } url ? $"{c.Display} ({url})" : c.Display;

    private static void WriteRow(StringBuilder sb, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(Escape(fields[i]));
        }

        sb.Append("\r\n");
    }

    /// <summary>
    /// One cell as written: first made inert for a spreadsheet (<see cref="Inert"/>), then quoted when RFC 4180 requires
    /// it (comma, quote, CR or LF), its quotes doubled.
    /// </summary>
    public static string Escape(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        field = Inert(field);
        return field.AsSpan().IndexOfAny(",\"\r\n") < 0
            ? field
            : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>
    /// A cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return is one Excel and its
    /// kin would run as a formula (the BOM makes Excel open the file at once); OWASP's advice is to start it with a
    /// single quote, which the spreadsheet shows as text. A plain number (<c>-12.5</c>) is left as it is, so that a
    /// numeric column keeps its negative values. docs/api.md says so for the reader of the file.
    /// </summary>
    public static string Inert(string field) =>
        field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsPlainNumber(field) ? "'" + field : field;

    private static bool IsPlainNumber(string field) =>
        decimal.TryParse(field, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);
}
