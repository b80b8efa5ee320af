using System.Globalization;
using MetaAiTracker.Core.Domain;

namespace MetaAiTracker.Core.Services;

public enum ThemeMatch
{
    /// <summary>An event matches when it carries at least one of the chosen themes.</summary>
    Any = 0,

    /// <summary>An event matches only when it carries every chosen theme.</summary>
    All = 1,
}

public enum SortOrder
{
    Ascending = 0,
    Descending = 1,
}

public enum TimelineGrouping
{
    None = 0,
    Month = 1,
    Quarter = 2,
    Year = 3,
}

/// <summary>
/// What the timeline shows. The same record is parsed from the page's URL and from the API's query string
/// (<see cref="TimelineFilterParser"/>), so a shared link and an API call mean the same thing.
/// </summary>
public sealed record TimelineFilter
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    public const int MaxTextLength = 200;

    public IReadOnlyList<string> Themes { get; init; } = [];
    public ThemeMatch Match { get; init; } = ThemeMatch.Any;
    public IReadOnlyList<string> People { get; init; } = [];
    public IReadOnlyList<string> Organizations { get; init; } = [];
    public IReadOnlyList<ClaimStatus> Statuses { get; init; } = [];

    /// <summary>Events whose whole date span starts on or after the start of this date.</summary>
    public PartialDate? From { get; init; }

    /// <summary>Events whose whole date span ends on or before the end of this date.</summary>
    public PartialDate? To { get; init; }

    /// <summary>Free text matched against English and Chinese titles, summaries and quotes.</summary>
    public string? Text { get; init; }

    public SortOrder Sort { get; init; } = SortOrder.Ascending;
    public TimelineGrouping Group { get; init; } = TimelineGrouping.None;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;

    public bool IsEmpty => Themes.Count == 0 && People.Count == 0 && Organizations.Count == 0 && Statuses.Count == 0
                           && From is null && To is null && string.IsNullOrWhiteSpace(Text);

    /// <summary>
    /// Value equality, lists included: two filters are equal when every list holds the same values in the same order
    /// and every other property is equal — exactly when they write the same query string. (A record's generated
    /// equality would compare the lists by reference, so a filter parsed twice from the same link was never equal
    /// to itself.)
    /// </summary>
    public bool Equals(TimelineFilter? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Themes.SequenceEqual(other.Themes, StringComparer.Ordinal)
                && Match == other.Match
                && People.SequenceEqual(other.People, StringComparer.Ordinal)
                && Organizations.SequenceEqual(other.Organizations, StringComparer.Ordinal)
                && Statuses.SequenceEqual(other.Statuses)
                && From == other.From
                && To == other.To
                && string.Equals(Text, other.Text, StringComparison.Ordinal)
                && Sort == other.Sort
                && Group == other.Group
                && Page == other.Page
                && PageSize == other.PageSize));

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var list in new[] { Themes, People, Organizations })
        {
            hash.Add(list.Count);
            foreach (var slug in list)
            {
                hash.Add(slug, StringComparer.Ordinal);
            }
        }

        foreach (var status in Statuses)
        {
            hash.Add(status);
        }

        hash.Add(Match);
        hash.Add(From);
        hash.Add(To);
        hash.Add(Text, StringComparer.Ordinal);
        hash.Add(Sort);
        hash.Add(Group);
        hash.Add(Page);
        hash.Add(PageSize);
        return hash.ToHashCode();
    }
}

/// <summary>
/// Reads and writes a <see cref="TimelineFilter"/> as query parameters:
/// <c>themes=talent,ethics-regulation&amp;match=all&amp;people=…&amp;orgs=…&amp;status=disputed&amp;from=2025-06&amp;to=2025-09&amp;q=scale&amp;sort=desc&amp;group=month&amp;page=2&amp;pageSize=50</c>.
/// Every bad value is reported against its parameter name; nothing is silently dropped.
/// </summary>
public static class TimelineFilterParser
{
    public static readonly string[] ParameterNames = ["themes", "match", "people", "orgs", "status", "from", "to", "q", "sort", "group", "page", "pageSize"];

    public static (TimelineFilter Filter, IReadOnlyDictionary<string, string[]> Errors) Parse(Func<string, string?> get)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var filter = new TimelineFilter();

        void Error(string parameter, string message) =>
            errors[parameter] = errors.TryGetValue(parameter, out var existing) ? [.. existing, message] : [message];

        IReadOnlyList<string> Slugs(string parameter)
        {
            var raw = get(parameter);
            if (string.IsNullOrWhiteSpace(raw))
            {
                return [];
            }

            var list = raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
            foreach (var slug in list.Where(s => s.Length > 80 || !s.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')))
            {
                Error(parameter, $"'{Excerpt.Of(slug)}' is not a slug (lowercase letters, digits and hyphens)");
            }

            if (list.Count > 50)
            {
                Error(parameter, "at most 50 values");
            }

            return list;
        }

        filter = filter with { Themes = Slugs("themes"), People = Slugs("people"), Organizations = Slugs("orgs") };

        switch (get("match")?.Trim().ToLowerInvariant())
        {
            case null or "" or "any": break;
            case "all": filter = filter with { Match = ThemeMatch.All }; break;
            default: Error("match", $"'{Excerpt.Of(get("match")!)}' is not one of: any, all"); break;
        }

        if (get("status") is { Length: > 0 } statusText)
        {
            var statuses = new List<ClaimStatus>();
            foreach (var s in statusText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (EnumText.TryParse<ClaimStatus>(s, out var status))
                {
                    if (!statuses.Contains(status))
                    {
                        statuses.Add(status);
                    }
                }
                else
                {
                    Error("status", $"'{Excerpt.Of(s)}' is not one of: {EnumText.Allowed<ClaimStatus>()}");
                }
            }

            filter = filter with { Statuses = statuses };
        }

        PartialDate? Date(string parameter)
        {
            var raw = get(parameter);
            if (string.IsNullOrWhiteSpace(raw))
            {
                return null;
            }

            if (PartialDate.TryParse(raw.Trim(), out var date, out var error))
            {
                return date;
            }

            Error(parameter, error);
            return null;
        }

        filter = filter with { From = Date("from"), To = Date("to") };
        if (filter.From is { } from && filter.To is { } to && from.Start > to.End)
        {
            Error("from", $"'from' ({from}) is after 'to' ({to})");
        }

        if (get("q") is { } q && !string.IsNullOrWhiteSpace(q))
        {
            q = q.Trim();
            if (q.Length > TimelineFilter.MaxTextLength)
            {
                Error("q", $"the search text is too long (at most {TimelineFilter.MaxTextLength} characters)");
            }
            else
            {
                filter = filter with { Text = q };
            }
        }

        switch (get("sort")?.Trim().ToLowerInvariant())
        {
            case null or "" or "asc" or "date": break;
            case "desc" or "-date": filter = filter with { Sort = SortOrder.Descending }; break;
            default: Error("sort", $"'{Excerpt.Of(get("sort")!)}' is not one of: asc, desc"); break;
        }

        switch (get("group")?.Trim().ToLowerInvariant())
        {
            case null or "" or "none": break;
            case "month": filter = filter with { Group = TimelineGrouping.Month }; break;
            case "quarter": filter = filter with { Group = TimelineGrouping.Quarter }; break;
            case "year": filter = filter with { Group = TimelineGrouping.Year }; break;
            default: Error("group", $"'{Excerpt.Of(get("group")!)}' is not one of: none, month, quarter, year"); break;
        }

        if (get("page") is { Length: > 0 } pageText)
        {
            if (int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1 && page <= 100_000)
            {
                filter = filter with { Page = page };
            }
            else
            {
                Error("page", $"'{Excerpt.Of(pageText)}' is not a page number (1 or more)");
            }
        }

        if (get("pageSize") is { Length: > 0 } sizeText)
        {
            if (int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= TimelineFilter.MaxPageSize)
            {
                filter = filter with { PageSize = size };
            }
            else
            {
                Error("pageSize", $"'{Excerpt.Of(sizeText)}' is not a page size from 1 to {TimelineFilter.MaxPageSize}");
            }
        }

        return (filter, errors);
    }

    /// <summary>The filter as query parameters, leaving out defaults, in a stable order (for shareable links).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ToQuery(TimelineFilter filter)
    {
        var list = new List<KeyValuePair<string, string>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                list.Add(new(key, value));
            }
        }

        Add("themes", string.Join(',', filter.Themes));
        Add("match", filter.Match == ThemeMatch.All ? "all" : null);
        Add("people", string.Join(',', filter.People));
        Add("orgs", string.Join(',', filter.Organizations));
        Add("status", string.Join(',', filter.Statuses.Select(s => EnumText.ToText(s))));
        Add("from", filter.From?.ToString());
        Add("to", filter.To?.ToString());
        Add("q", filter.Text);
        Add("sort", filter.Sort == SortOrder.Descending ? "desc" : null);
        Add("group", filter.Group == TimelineGrouping.None ? null : filter.Group.ToString().ToLowerInvariant());
        Add("page", filter.Page == 1 ? null : filter.Page.ToString(CultureInfo.InvariantCulture));
        Add("pageSize", filter.PageSize == TimelineFilter.DefaultPageSize ? null : filter.PageSize.ToString(CultureInfo.InvariantCulture));
        return list;
    }

    /// <summary>"themes=talent&amp;q=scale" (URL-encoded), or an empty string for the default filter.</summary>
    public static string ToQueryString(TimelineFilter filter) =>
        string.Join('&', ToQuery(filter).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

}
