using System.Globalization;
using MetaAiTracker.Core.Abstractions;
using MetaAiTracker.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Core.Services;

public sealed record FigureView(
    string Slug,
    string Label,
    decimal Value,
    decimal? ValueHigh,
    FigureUnit Unit,
    FigureScale Scale,
    string Display,
    string? Period,
    PartialDate? AsOf,
    string Measures,
    string? Metric,
    OrganizationRef? Organization,
    string? EventSlug,
    ClaimStatus Status,
    string? StatusNote,
    string? Note,
    IReadOnlyList<CitationView> Citations);

public enum ReadingKind
{
    /// <summary>A figure as a source reported it.</summary>
    Reported = 0,

    /// <summary>Another reading of a reported figure (64% retention read as 36% attrition).</summary>
    Derived = 1,

    /// <summary>What the tracker computes from its own data.</summary>
    Computed = 2,
}

/// <summary>One line of the reported-vs-computed table.</summary>
public sealed record MetricReading(
    string Metric,
    ReadingKind Kind,
    string Label,
    double? Value,
    string Display,
    string? Period,
    ClaimStatus? Status,
    string? SourceName,
    string? FigureSlug,
    int? Numerator,
    double? Denominator,
    int? SampleSize,
    string Caveat);

/// <summary>
/// Lists figures and sets each metric the press reported beside the tracker's own computation and any other
/// reading of the same number, each with its caveat.
/// </summary>
public sealed class FigureService(ITrackerDbContextFactory factory, AttritionService attrition)
{
    public const string AttritionRateMetric = "attrition-rate";
    public const string RetentionRateMetric = "retention-rate";
    public const string DeparturesMetric = "departures";
    public const string TimeToDepartureMetric = "time-to-departure";

    public async Task<IReadOnlyList<FigureView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateAsync(cancellationToken);
        var figures = await db.Figures.AsNoTracking()
            .Include(f => f.Organization).Include(f => f.Event)
            .Include(f => f.Citations).ThenInclude(c => c.Source)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return figures.OrderBy(f => f.AsOf).ThenBy(f => f.Id).Select(ToView).ToList();
    }

    public static FigureView ToView(Figure f) => new(
        f.Slug, f.Label, f.Value, f.ValueHigh, f.Unit, f.Scale, FigureFormat.Format(f), f.Period, f.AsOf, f.Measures, f.Metric,
        f.Organization is null ? null : new OrganizationRef(f.Organization.Slug, f.Organization.DisplayName, null),
        f.Event?.Slug, f.Status, f.StatusNote, f.Note,
        f.Citations.OrderBy(c => c.Id).Select(CitationMapper.ToView).ToList());

    /// <summary>The reported-vs-computed table: for attrition, departures and time to departure.</summary>
    public async Task<IReadOnlyList<MetricReading>> CompareAsync(AttritionRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= new AttritionRequest();
        return await CompareAsync(await attrition.ComputeAsync(request, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The same table for an attrition result the caller has computed already (the attrition page and the API have,
    /// and computing it again doubled their cost on a large store); null when the organisation does not exist.
    /// </summary>
    public async Task<IReadOnlyList<MetricReading>> CompareAsync(AttritionResult? computed, CancellationToken cancellationToken = default)
    {
        var figures = await ListAsync(cancellationToken);
        var rows = new List<MetricReading>();

        string? SourceOf(FigureView f) => f.Citations.FirstOrDefault()?.Source.Publisher;

        MetricReading Reported(FigureView f, string caveat) => new(
            f.Metric!, ReadingKind.Reported, f.Label, (double)f.Value, f.Display, f.Period, f.Status, SourceOf(f), f.Slug,
            null, null, null, caveat);

        // Attrition: the article's claim, then SignalFire's retention read as attrition, then the tracker's own rate.
        foreach (var f in figures.Where(f => f.Metric == AttritionRateMetric))
        {
            rows.Add(Reported(f, f.StatusNote ?? f.Note ?? "As reported."));
        }

        foreach (var f in figures.Where(f => f.Metric == RetentionRateMetric && f.Organization?.Slug == "meta" && f.Unit == FigureUnit.Percent))
        {
            var implied = 100 - (double)f.Value;
            rows.Add(new MetricReading(AttritionRateMetric, ReadingKind.Derived,
                $"Attrition implied by {SourceOf(f) ?? "the report"}'s {f.Display} {f.Period} retention",
                implied, $"≈{implied.ToString("0.#", CultureInfo.InvariantCulture)}%", f.Period, f.Status, SourceOf(f), f.Slug,
                null, null, null,
                $"100% − {f.Display} retention. Retention of AI staff over {f.Period ?? "the report's period"} is a different measure from a " +
                "turnover rate; it is the figure the article's 64% most likely comes from."));
        }

        if (computed is not null)
        {
            var r = computed.Report;
            var window = $"{PartialDate.OfDay(r.WindowStart).Label} – {PartialDate.OfDay(r.WindowEnd).Label}";
            rows.Add(new MetricReading(AttritionRateMetric, ReadingKind.Computed,
                $"Tracker: departures from {computed.Organization.Name} ÷ average headcount",
                r.Rate.Rate * 100, FigureFormat.Percent(r.Rate.Rate), window, null, "MetaAiTracker", null,
                r.Rate.Departures, r.Rate.AverageHeadcount, r.Rate.SampleSize,
                $"Only the {r.Rate.SampleSize} people the sources name, not the lab's whole staff; a sample this small says who left, " +
                "not a workforce rate. Partial dates are placed at the middle of their span."));

            foreach (var f in figures.Where(f => f.Metric == DeparturesMetric))
            {
                rows.Add(Reported(f, f.Note ?? "As reported."));
            }

            rows.Add(new MetricReading(DeparturesMetric, ReadingKind.Computed, $"Tracker: departures from {computed.Organization.Name} recorded in the data",
                r.Rate.Departures, r.Rate.Departures.ToString(CultureInfo.InvariantCulture), window, null, "MetaAiTracker", null,
                r.Rate.Departures, null, r.Rate.SampleSize, "Counts only departures with a cited tenure in the dataset."));

            foreach (var f in figures.Where(f => f.Metric == TimeToDepartureMetric))
            {
                rows.Add(Reported(f, f.Note ?? "As reported."));
            }

            if (r.MedianDaysToDeparture is { } median)
            {
                rows.Add(new MetricReading(TimeToDepartureMetric, ReadingKind.Computed, "Tracker: median time from joining to leaving",
                    median, $"{median.ToString("0.#", CultureInfo.InvariantCulture)} days", window, null, "MetaAiTracker", null,
                    null, null, r.Departures.Count(d => d.DaysToDeparture is not null),
                    "From the middle of the join month (or quarter) to the middle of the departure month; exact only where both are known to the day."));
            }
        }

        return rows;
    }
}

internal static class CitationMapper
{
    public static CitationView ToView(Citation c) => new(c.Kind, SourceMapper.ToRef(c.Source), c.Quote, c.QuoteEn, c.Locator);
}

internal static class SourceMapper
{
    public static SourceRef ToRef(Source s) => new(s.Slug, s.Kind, s.Title, s.Publisher, s.Via, s.Published, s.Language, s.Url, s.Read, s.IsPrimary);
}
