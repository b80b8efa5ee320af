namespace MetaAiTracker.Core.Services;

/// <summary>
/// Answers that are expensive to compute, kept under a key that begins with the store's data version
/// (<see cref="Abstractions.ITrackerDbContext.DataVersionAsync"/>): every write to the data they were computed from moves
/// the version, so an entry is never served for a store that has changed since (docs/decisions/0007). Bounded by a
/// number of entries and a total weight (ids, rows); the least recently used go first.
/// </summary>
public abstract class ComputedCache<TValue>(int maxEntries, long maxWeight)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, TValue Value, long Weight)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, TValue Value, long Weight)> _recent = new();
    private long _weight;

    public int MaxEntries => maxEntries;

    public long MaxWeight => maxWeight;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>How much of <see cref="MaxWeight"/> a value takes.</summary>
    protected abstract long Weigh(TValue value);

    public bool TryGet(string key, out TValue value)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
                value = node.Value.Value;
                return true;
            }
        }

        value = default!;
        return false;
    }

    public void Set(string key, TValue value)
    {
        var weight = Weigh(value);
        if (weight > maxWeight)
        {
            return;
        }

        lock (_lock)
        {
            if (_entries.Remove(key, out var old))
            {
                _recent.Remove(old);
                _weight -= old.Value.Weight;
            }

            _entries[key] = _recent.AddFirst((key, value, weight));
            _weight += weight;
            while (_entries.Count > maxEntries || _weight > maxWeight)
            {
                var last = _recent.Last!.Value;
                _recent.RemoveLast();
                _entries.Remove(last.Key);
                _weight -= last.Weight;
            }
        }
    }

    /// <summary>
    /// The value kept under <paramref name="key"/>, else computed and kept; with no key (no cache, or a store without a
    /// data version) computed every time. Callers make the key from a version read <em>before</em> computing: the entry
    /// then holds an answer at least as new as its key says, and versions only go up, so nothing older than a write is
    /// served after it.
    /// </summary>
    public static async Task<TValue> GetOrComputeAsync(ComputedCache<TValue>? cache, string? key, Func<Task<TValue>> compute)
    {
        if (cache is null || key is null)
        {
            return await compute();
        }

        if (cache.TryGet(key, out var kept))
        {
            return kept;
        }

        var value = await compute();
        cache.Set(key, value);
        return value;
    }

    /// <summary>A key from the version and the parts of a question, separated by a character no part contains.</summary>
    protected static string Join(params object?[] parts) => string.Join('\u001f', parts);
}

/// <summary>
/// The expensive part of a timeline question — the ids of the events that contain its text, the facet counts and the
/// totals — per filter (page, page size, order and grouping aside). Paging through a broad search, or choosing another
/// theme while the text stays, then costs one page instead of a search and two counts. At most 256 filters and 4
/// million ids (16 MB).
/// </summary>
public sealed class TimelineCache() : ComputedCache<TimelineCache.Entry>(256, 4_000_000)
{
    /// <summary>What a filter's search and counts gave, for a data version.</summary>
    /// <param name="TextIds">For a filter with text: the matching events that pass the filters every facet keeps; else null.</param>
    public sealed record Entry(List<int>? TextIds, int TotalInStore, TimelineFacets Facets, int Total);

    /// <summary>The cache key: the data version and every part of the filter that changes the answer's counts.</summary>
    public static string Key(string version, TimelineFilter filter) => Join(
        version,
        Set(filter.Themes),
        filter.Match,
        Set(filter.People),
        Set(filter.Organizations),
        string.Join(',', filter.Statuses.Distinct().Order()),
        filter.From?.ToString() ?? string.Empty,
        filter.To?.ToString() ?? string.Empty,
        filter.Text?.Trim() ?? string.Empty);

    protected override long Weigh(Entry value) => value.TextIds?.Count ?? 0;

    /// <summary>Slugs as a set: order and repeats do not change what a filter matches.</summary>
    private static string Set(IEnumerable<string> slugs) => string.Join(',', slugs.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}

/// <summary>
/// Computed attrition reports per request (organisation, sub-organisations, window, as-of) and day: at 100,000 events
/// the default view reads 12,000 tenures and costs about 60 ms; a repeat costs a version check. At most 64 reports
/// and 400,000 of their rows (months, departures, cohorts) in all.
/// </summary>
public sealed class AttritionCache() : ComputedCache<AttritionResult?>(64, 400_000)
{
    /// <param name="today">Part of the key: the default as-of date is the latest date in the data, but never after today.</param>
    public static string Key(string version, AttritionRequest request, DateOnly today) => Join(
        version, request.Organization, request.IncludeSubOrganizations, request.From?.ToString(), request.To?.ToString(),
        request.AsOf?.ToString(), today.DayNumber);

    protected override long Weigh(AttritionResult? value) =>
        value is null ? 1 : 1 + value.Report.Months.Count + value.Report.Departures.Count + value.Report.ByCohort.Count + value.Report.ByDestination.Count;
}
