using MetaAiTracker.Core.Services;

namespace MetaAiTracker.Web.Components.Pages.People;

/// <summary>The people table's search: a person matches when every word of the query is in their name, native name or an organisation.</summary>
public static class PeopleFilter
{
    public static bool Matches(PersonRow row, string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return true;
        }

        string?[] fields = [row.Name, row.NativeName, row.Organization, row.CameFrom, row.WentTo, row.Role];
        return query.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .All(word => fields.Any(f => f is not null && f.Contains(word, StringComparison.OrdinalIgnoreCase)));
    }
}
