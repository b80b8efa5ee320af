using System.Text;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;

namespace MetaAiTracker.Web.Api;

/// <summary>
/// Writes timeline events as RFC 4180 CSV: a header row, CRLF line ends, every field that holds a comma, a quote or
/// a line break in double quotes with its quotes doubled. The bytes start with the UTF-8 byte order mark so that
/// Excel reads the Chinese titles as UTF-8. Lists (themes, people, organisations) are slugs joined by ';'.
/// </summary>
public static class EventCsv
{
    public static readonly string[] Columns =
        ["slug", "date", "precision", "title_en", "title_zh", "summary_en", "status", "status_note", "themes", "people", "organizations", "url"];

    public static byte[] Write(IEnumerable<TimelineItem> items, Func<string, string> eventUrl)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(eventUrl);
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
            ]);
        }

        var preamble = Encoding.UTF8.GetPreamble();
        var text = Encoding.UTF8.GetBytes(sb.ToString());
        var bytes = new byte[preamble.Length + text.Length];
        preamble.CopyTo(bytes, 0);
        text.CopyTo(bytes, preamble.Length);
        return bytes;
    }

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

    /// <summary>Quotes a field when RFC 4180 requires it (comma, quote, CR or LF) and doubles its quotes.</summary>
    public static string Escape(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.AsSpan().IndexOfAny(",\"\r\n") < 0
            ? field
            : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
