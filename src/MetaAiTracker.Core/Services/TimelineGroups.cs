using System.Globalization;
using MetaAiTracker.Core.Domain;

namespace MetaAiTracker.Core.Services;

/// <summary>A bucket of the grouped timeline. <see cref="IsImprecise"/> marks "2025, month unknown"-style buckets.</summary>
public sealed record TimelineGroup<T>(string Key, string Label, DateOnly Start, DateOnly End, bool IsImprecise, IReadOnlyList<T> Items);

/// <summary>
/// Groups dated items by month, quarter or year. An item goes into the bucket its precision allows; an item whose
/// date is coarser than the bucket gets its own clearly labelled bucket ("2025, month unknown") rather than a
/// made-up position. Buckets are ordered by where their span ends, finer first, so a coarse bucket follows the
/// fine buckets it could contain.
/// </summary>
public static class TimelineGrouper
{
    public static IReadOnlyList<TimelineGroup<T>> Group<T>(IEnumerable<T> items, Func<T, PartialDate> date, TimelineGrouping grouping, SortOrder order = SortOrder.Ascending)
    {
        if (grouping == TimelineGrouping.None)
        {
            var all = items.ToList();
            return all.Count == 0 ? [] : [new TimelineGroup<T>("all", "All events", DateOnly.MinValue, DateOnly.MaxValue, false, all)];
        }

        var groups = items
            .GroupBy(item => BucketOf(date(item), grouping))
            .Select(g => new TimelineGroup<T>(g.Key.Key, g.Key.Label, g.Key.Start, g.Key.End, g.Key.IsImprecise, g.ToList()));

        return order == SortOrder.Ascending
            ? groups.OrderBy(g => g.End).ThenByDescending(g => g.Start).ToList()
            : groups.OrderByDescending(g => g.End).ThenBy(g => g.Start).ToList();
    }

    public static (string Key, string Label, DateOnly Start, DateOnly End, bool IsImprecise) BucketOf(PartialDate date, TimelineGrouping grouping)
    {
        var target = grouping switch
        {
            TimelineGrouping.Month => DatePrecision.Month,
            TimelineGrouping.Quarter => DatePrecision.Quarter,
            _ => DatePrecision.Year,
        };

        var bucket = date.Precision >= target
            ? target switch
            {
                DatePrecision.Month => PartialDate.OfMonth(date.Year, date.Month),
                DatePrecision.Quarter => PartialDate.OfQuarter(date.Year, date.Quarter),
                _ => PartialDate.OfYear(date.Year),
            }
            : date;

        var imprecise = date.Precision < target;
        var unit = target == DatePrecision.Month ? "month" : "quarter";
        var label = imprecise ? string.Create(CultureInfo.InvariantCulture, $"{bucket.Label}, {unit} unknown") : bucket.Label;
        var key = imprecise ? bucket + "-unknown" : bucket.ToString();
        return (key, label, bucket.Start, bucket.End, imprecise);
    }
}
