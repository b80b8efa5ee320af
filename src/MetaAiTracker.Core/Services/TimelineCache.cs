namespace MetaAiTracker.Core.Services;

/// <summary>
/// The expensive part of a timeline question — the ids of the events that contain its text, the facet counts and the
/// totals — kept per filter (page, page size, order and grouping aside) for as long as the store's timeline version
/// (<see cref="Abstractions.ITrackerDbContext.TimelineVersionAsync"/>) has not moved: every write to what a timeline reads
/// moves it, so an entry is never served for a store that has changed since it was computed. Paging through a broad
/// search, or choosing another theme while the text stays, then costs one page instead of a search and two counts.
/// Bounded: at most <see cref="MaxEntries"/> filters and <see cref="MaxIds"/> ids in all; the least recently used go first.
/// </summary>
public sealed class TimelineCache
{
    public const int MaxEntries = 256;

    /// <summary>Ids kept across all entries (4 bytes each: 16 MB).</summary>
    public const int MaxIds = 4_000_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, Entry Entry)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, Entry Entry)> _recent = new();
    private long _ids;

    /// <summary>What a filter's search and counts gave, for a store version.</summary>
    /// <param name="TextIds">For a filter with text: the matching events that pass the filters every facet keeps; else null.</param>
    public sealed record Entry(List<int>? TextIds, int TotalInStore, TimelineFacets Facets, int Total);

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

    /// <summary>The cache key: the store's version token and every part of the filter that changes the answer's counts.</summary>
    public static string Key(string version, TimelineFilter filter) => string.Join('\u001f',
        version,
        string.Join(',', filter.Themes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
        filter.Match,
        string.Join(',', filter.People.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
        string.Join(',', filter.Organizations.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
        string.Join(',', filter.Statuses.Distinct().Order()),
        filter.From?.ToString() ?? string.Empty,
        filter.To?.ToString() ?? string.Empty,
        filter.Text?.Trim() ?? string.Empty);

    public bool TryGet(string key, out Entry entry)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
                entry = node.Value.Entry;
                return true;
            }
        }

        entry = null!;
        return false;
    }

    public void Set(string key, Entry entry)
    {
        var size = entry.TextIds?.Count ?? 0;
        if (size > MaxIds)
        {
            return;
        }

        lock (_lock)
        {
            if (_entries.Remove(key, out var old))
            {
                _recent.Remove(old);
                _ids -= old.Value.Entry.TextIds?.Count ?? 0;
            }

            _entries[key] = _recent.AddFirst((key, entry));
            _ids += size;
            while (_entries.Count > MaxEntries || _ids > MaxIds)
            {
                var last = _recent.Last!;
                _recent.RemoveLast();
                _entries.Remove(last.Value.Key);
                _ids -= last.Value.Entry.TextIds?.Count ?? 0;
            }
        }
    }
}
