using System.ComponentModel;
using MetaAiTracker.Core.Services;
using Microsoft.AspNetCore.Mvc;

namespace MetaAiTracker.Web.Api;

/// <summary>
/// The timeline filter as the API receives it: every parameter is bound as a raw string and read by
/// <see cref="TimelineFilterParser.Parse"/>, the same parser the timeline page uses, so that
/// <c>/timeline?x</c> and <c>/api/events?x</c> select the same events and a bad value is reported, not dropped.
/// </summary>
public sealed class TimelineQueryParameters
{
    [FromQuery(Name = "themes"), Description("Comma-separated theme slugs, e.g. `talent,ethics-regulation`.")]
    public string? Themes { get; set; }

    [FromQuery(Name = "match"), Description("`any` (default): an event carries at least one chosen theme; `all`: every chosen theme.")]
    public string? Match { get; set; }

    [FromQuery(Name = "people"), Description("Comma-separated person slugs.")]
    public string? People { get; set; }

    [FromQuery(Name = "orgs"), Description("Comma-separated organisation slugs.")]
    public string? Orgs { get; set; }

    [FromQuery(Name = "status"), Description("Comma-separated claim statuses: reported, confirmed, disputed, denied.")]
    public string? Status { get; set; }

    [FromQuery(Name = "from"), Description("Partial date (YYYY, YYYY-Qn, YYYY-MM, YYYY-MM-DD): events whose whole date span starts on or after it.")]
    public string? From { get; set; }

    [FromQuery(Name = "to"), Description("Partial date: events whose whole date span ends on or before it.")]
    public string? To { get; set; }

    [FromQuery(Name = "q"), Description("Free text (at most 200 characters) matched in English and Chinese titles, summaries and quotes.")]
    public string? Q { get; set; }

    [FromQuery(Name = "sort"), Description("`asc` (default, oldest first) or `desc`.")]
    public string? Sort { get; set; }

    [FromQuery(Name = "group"), Description("`none` (default), `month`, `quarter` or `year`: adds `groups` to the answer.")]
    public string? Group { get; set; }

    [FromQuery(Name = "page"), Description("Page number, 1 or more (default 1).")]
    public string? Page { get; set; }

    [FromQuery(Name = "pageSize"), Description("Events per page, 1 to 200 (default 50).")]
    public string? PageSize { get; set; }

    /// <summary>The raw value of a parameter by its query name, for <see cref="TimelineFilterParser.Parse"/>.</summary>
    public string? Get(string name) => name switch
    {
        "themes" => Themes,
        "match" => Match,
        "people" => People,
        "orgs" => Orgs,
        "status" => Status,
        "from" => From,
        "to" => To,
        "q" => Q,
        "sort" => Sort,
        "group" => Group,
        "page" => Page,
        "pageSize" => PageSize,
        _ => null,
    };

    /// <summary>
    /// Parses and checks the filter: syntax first, then that every theme, person and organisation slug exists.
    /// Returns every problem at once, keyed by parameter name.
    /// </summary>
    public async Task<(TimelineFilter Filter, IReadOnlyDictionary<string, string[]> Errors)> ValidateAsync(TimelineService timeline, CancellationToken cancellationToken)
    {
        var (filter, errors) = TimelineFilterParser.Parse(Get);

        // Look up only the well-formed slugs, so that a malformed one is not also reported as unknown.
        var lookup = filter with
        {
            Themes = filter.Themes.Where(IsSlug).ToList(),
            People = filter.People.Where(IsSlug).ToList(),
            Organizations = filter.Organizations.Where(IsSlug).ToList(),
        };
        var unknown = await timeline.FindUnknownReferencesAsync(lookup, cancellationToken);
        return (filter, unknown.Count == 0 ? errors : ApiProblems.Merge(errors, unknown));
    }

    /// <summary>The parser's slug rule: 1–80 lowercase ASCII letters, digits and hyphens.</summary>
    private static bool IsSlug(string slug) =>
        slug.Length is > 0 and <= 80 && slug.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
