using System.Text.RegularExpressions;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;

namespace MetaAiTracker.Web.Components.Pages.Attrition;

/// <summary>The attrition page's controls as text (as they stand in the URL), checked field by field.</summary>
public sealed partial record AttritionQuery(string? Organization, bool IncludeSubOrganizations, string? From, string? To, string? AsOf)
{
    public const string OrganizationKey = "org";
    public const string FromKey = "from";
    public const string ToKey = "to";
    public const string AsOfKey = "asOf";
    public const string SubKey = "sub";

    /// <summary>The request built from the fields that are valid, and a message for each field that is not.</summary>
    public (AttritionRequest Request, IReadOnlyDictionary<string, string> Errors) Validate()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var from = ParseMonth(From, "From", FromKey, errors);
        var to = ParseMonth(To, "To", ToKey, errors);
        var asOf = ParseAsOf(AsOf, errors);
        if (from is { } f && to is { } t && t < f)
        {
            errors[ToKey] = $"The window ends before it starts: {t.Label} is before {f.Label}.";
            to = null;
        }

        var request = new AttritionRequest
        {
            Organization = string.IsNullOrWhiteSpace(Organization) ? AttritionRequest.DefaultOrganization : Organization.Trim(),
            IncludeSubOrganizations = IncludeSubOrganizations,
            From = from,
            To = to,
            AsOf = asOf,
        };
        return (request, errors);
    }

    /// <summary>The query string values, with empty fields left out (null removes a parameter from the URL).</summary>
    public IReadOnlyDictionary<string, object?> ToQueryParameters() => new Dictionary<string, object?>
    {
        [OrganizationKey] = Blank(Organization),
        [SubKey] = IncludeSubOrganizations ? null : "false",
        [FromKey] = Blank(From),
        [ToKey] = Blank(To),
        [AsOfKey] = Blank(AsOf),
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static PartialDate? ParseMonth(string? text, string label, string key, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        if (!MonthPattern().IsMatch(text))
        {
            errors[key] = $"{label}: \"{Excerpt.Of(text)}\" is not a month. Write it as YYYY-MM, e.g. 2025-06.";
            return null;
        }

        if (!PartialDate.TryParse(text, out var date, out var error))
        {
            errors[key] = $"{label}: {error}.";
            return null;
        }

        return date;
    }

    private static PartialDate? ParseAsOf(string? text, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        if (!DayOrMonthPattern().IsMatch(text))
        {
            errors[AsOfKey] = $"As of: \"{Excerpt.Of(text)}\" is not a date. Write it as YYYY-MM-DD (or YYYY-MM for the end of that month), e.g. 2025-09-30.";
            return null;
        }

        if (!PartialDate.TryParse(text, out var date, out var error))
        {
            errors[AsOfKey] = $"As of: {error}.";
            return null;
        }

        return date;
    }

    [GeneratedRegex(@"\A[0-9]{4}-[0-9]{2}\z")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"\A[0-9]{4}-[0-9]{2}(-[0-9]{2})?\z")]
    private static partial Regex DayOrMonthPattern();
}
