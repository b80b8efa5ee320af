using System.ComponentModel;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MetaAiTracker.Web.Api;

/// <summary>What the attrition endpoint was asked, after defaults: the organisation, whether sub-organisations count, and the dates given.</summary>
public sealed record AttritionQuery(string Org, bool Sub, PartialDate? From, PartialDate? To, PartialDate? AsOf);

/// <summary>The tracker's attrition computation for an organisation and, beside it, every reading of the same metrics.</summary>
public sealed record AttritionResponse(
    AttritionQuery Query,
    OrganizationRef Organization,
    IReadOnlyList<OrganizationRef> IncludedOrganizations,
    AttritionReport Report,
    IReadOnlyDictionary<string, string> OrganizationNames,
    IReadOnlyList<MetricReading> Readings);

public sealed class AttritionParameters
{
    [FromQuery(Name = "org"), Description("Organisation slug (default `msl`). An unknown slug is a 400 on `org`.")]
    public string? Org { get; set; }

    [FromQuery(Name = "from"), Description("Window start, a partial date (default: the month of the organisation's first join).")]
    public string? From { get; set; }

    [FromQuery(Name = "to"), Description("Window end, a partial date (default: the as-of date).")]
    public string? To { get; set; }

    [FromQuery(Name = "asOf"), Description("Count only what had happened by the end of this partial date (default: the latest date in the data, never after today).")]
    public string? AsOf { get; set; }

    [FromQuery(Name = "sub"), Description("`true` (default) to include sub-organisations (e.g. FAIR and TBD Lab under MSL), `false` for the organisation alone.")]
    public string? Sub { get; set; }
}

/// <summary><c>GET /api/metrics/attrition</c>.</summary>
internal static class MetricEndpoints
{
    /// <summary>A window longer than this is refused: the answer has one row per month.</summary>
    public const int MaxWindowMonths = 600;

    public static RouteGroupBuilder MapMetricEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/metrics/attrition", AttritionAsync)
            .WithName("GetAttrition").WithTags("Metrics")
            .WithSummary("Headcount, joins, departures and attrition rate of an organisation, with the reported-vs-computed readings.");
        return api;
    }

    internal static async Task<Results<Ok<AttritionResponse>, ValidationProblem>> AttritionAsync(
        [AsParameters] AttritionParameters parameters, AttritionService attrition, FigureService figures, EventService catalog,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Error(string parameter, string message) =>
            errors[parameter] = errors.TryGetValue(parameter, out var existing) ? [.. existing, message] : [message];

        PartialDate? Date(string parameter, string? raw)
        {
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

        var org = string.IsNullOrWhiteSpace(parameters.Org) ? AttritionRequest.DefaultOrganization : parameters.Org.Trim();
        var from = Date("from", parameters.From);
        var to = Date("to", parameters.To);
        var asOf = Date("asOf", parameters.AsOf);

        var sub = true;
        switch (parameters.Sub?.Trim().ToLowerInvariant())
        {
            case null or "" or "true" or "1" or "yes": break;
            case "false" or "0" or "no": sub = false; break;
            default: Error("sub", $"'{Excerpt.Of(parameters.Sub)}' is not one of: true, false"); break;
        }

        if (from is { } f && to is { } t && f.Start > t.End)
        {
            Error("from", $"'from' ({f}) is after 'to' ({t})");
        }

        if (from is { } f2 && asOf is { } a && f2.Start > a.End)
        {
            Error("asOf", $"'asOf' ({a}) is before 'from' ({f2}): nothing could have happened in the window by then");
        }

        var organizations = await catalog.OrganizationsAsync(cancellationToken);
        if (!organizations.Any(o => o.Slug == org))
        {
            Error("org", $"unknown organization '{Excerpt.Of(org)}'");
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var request = new AttritionRequest { Organization = org, IncludeSubOrganizations = sub, From = from, To = to, AsOf = asOf };
        var result = await attrition.ComputeAsync(request, cancellationToken);
        if (result is null)
        {
            // Deleted between the check and the computation: still the caller's parameter that names nothing.
            return ApiProblems.Invalid("org", $"unknown organization '{Excerpt.Of(org)}'");
        }

        if (result.Report.Months.Count > MaxWindowMonths)
        {
            return ApiProblems.Invalid(from is null ? "to" : "from",
                $"the window spans {result.Report.Months.Count} months; at most {MaxWindowMonths} are answered");
        }

        var readings = await figures.CompareAsync(result, cancellationToken);
        return TypedResults.Ok(new AttritionResponse(
            new AttritionQuery(org, sub, from, to, asOf),
            result.Organization, result.IncludedOrganizations, result.Report, result.OrganizationNames, readings));
    }
}
