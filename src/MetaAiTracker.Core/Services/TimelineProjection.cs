using System.Globalization;
using System.Numerics;
using MetaAiTracker.Core.Abstractions;
using MetaAiTracker.Core.Domain;
using Microsoft.Extensions.Logging;

namespace MetaAiTracker.Core.Services;

/// <summary>
/// The three things a text search's facets and page need of every event — its status, its themes and its place in
/// timeline order — held in memory for one data version (docs/decisions/0008). Given the ids a text search found, the
/// theme and status facets, the total and any page then come from a pass over those ids instead of three SQL
/// statements that each send the whole id list back to the database: at 100,000 events a word in a third of them cost
/// 45 ms in those statements and costs under a millisecond here. Built from the store on the first text search after
/// a write (about 60 ms at 100,000 events, 1.7 MB), replaced when the version moves, never used for another version,
/// and not used at all when the store has no data version (PostgreSQL, in-memory SQLite) or more than
/// <see cref="MaxThemes"/> themes: the SQL path then answers, with the same results.
/// </summary>
public sealed class TimelineProjection
{
    /// <summary>Each event's themes are one 64-bit mask; a store with more themes is answered by SQL.</summary>
    public const int MaxThemes = 64;

    private readonly SemaphoreSlim _building = new(1, 1);
    private readonly ILogger<TimelineProjection>? _logger;
    private Snapshot? _current;
    private int _builds;

    public TimelineProjection(ILogger<TimelineProjection>? logger = null) => _logger = logger;

    /// <summary>How many snapshots have been built (tests check that a write makes a new one, and a read does not).</summary>
    public int Builds => Volatile.Read(ref _builds);

    /// <summary>
    /// The snapshot for <paramref name="version"/> (read by the caller before anything else, as for
    /// <see cref="ComputedCache{TValue}"/>), built now if the one kept is for another version; null when the store
    /// cannot be projected (too many themes, or the build failed: logged, and SQL answers until the data changes).
    /// </summary>
    public async Task<Snapshot?> GetAsync(ITrackerDbContext db, string version, CancellationToken cancellationToken = default)
    {
        var current = Volatile.Read(ref _current);
        if (current is null || !string.Equals(current.Version, version, StringComparison.Ordinal))
        {
            await _building.WaitAsync(cancellationToken);
            try
            {
                current = _current;
                if (current is null || !string.Equals(current.Version, version, StringComparison.Ordinal))
                {
                    var built = await BuildAsync(db, version, cancellationToken);
                    Interlocked.Increment(ref _builds);

                    // A slow request's older version is built for it alone: the kept snapshot never goes back.
                    if (current is null || !IsOlder(version, current.Version))
                    {
                        Volatile.Write(ref _current, built);
                    }

                    current = built;
                }
            }
            finally
            {
                _building.Release();
            }
        }

        return current.IsUsable ? current : null;
    }

    private async Task<Snapshot> BuildAsync(ITrackerDbContext db, string version, CancellationToken cancellationToken)
    {
        try
        {
            return await Snapshot.BuildAsync(db, version, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The projection only makes searches faster: SQL answers this version instead (kept as unusable, so the
            // build is not retried on every search until the data changes).
            _logger?.LogWarning(exception, "The timeline projection could not be built for data version {Version}; text searches use SQL alone until the data changes", version);
            return Snapshot.Unusable(version);
        }
    }

    /// <summary>
    /// Whether <paramref name="version"/> is an earlier state of the same store than <paramref name="than"/>: the same
    /// store name and a lower counter (the versions are "file\nstore\ncounter", <c>DataVersionAsync</c>).
    /// </summary>
    internal static bool IsOlder(string version, string than)
    {
        var cut = version.LastIndexOf('\n');
        var thanCut = than.LastIndexOf('\n');
        return cut > 0 && cut == thanCut
            && version.AsSpan(0, cut).SequenceEqual(than.AsSpan(0, thanCut))
            && long.TryParse(version.AsSpan(cut + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var counter)
            && long.TryParse(than.AsSpan(thanCut + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var thanCounter)
            && counter < thanCounter;
    }

    /// <summary>One theme of the snapshot; its bit in an event's mask is its position in <see cref="Snapshot.Themes"/> (by id).</summary>
    public sealed record ThemeColumn(int Id, string Slug, string NameEn);

    /// <summary>What a filter gives over a list of event ids: the facet counts, the total and which events are in it.</summary>
    public sealed class Matches
    {
        internal Matches(int[] themeCounts, int[] statusCounts, int total, ulong[] slots)
        {
            ThemeCounts = themeCounts;
            StatusCounts = statusCounts;
            Total = total;
            Slots = slots;
        }

        /// <summary>Per theme (in <see cref="Snapshot.Themes"/> order): the events that pass the status filter and have it.</summary>
        public IReadOnlyList<int> ThemeCounts { get; }

        /// <summary>Per status (by its value): the events that pass the theme filter and have it.</summary>
        public IReadOnlyList<int> StatusCounts { get; }

        /// <summary>The events that pass both filters.</summary>
        public int Total { get; }

        /// <summary>A bit per event in timeline order: set for those that pass both filters.</summary>
        internal ulong[] Slots { get; }
    }

    /// <summary>The projection of one data version. Immutable once built; shared by every request for that version.</summary>
    public sealed class Snapshot
    {
        private static readonly int StatusCount = Enum.GetValues<ClaimStatus>().Max(s => (int)s) + 1;

        private readonly int[] _ids;
        private readonly byte[] _statuses;
        private readonly ulong[] _themes;
        private readonly int[]? _slotOfId;
        private readonly Dictionary<int, int>? _slotById;

        private Snapshot(string version, IReadOnlyList<ThemeColumn> themes, int[] ids, byte[] statuses, ulong[] themeMasks)
        {
            Version = version;
            Themes = themes;
            _ids = ids;
            _statuses = statuses;
            _themes = themeMasks;

            // Ids are mostly dense (SQLite's rowids): an array by id, unless deletions left it mostly empty or a
            // hand-written row has a negative id.
            var maxId = ids.Length == 0 ? 0 : ids.Max();
            var minId = ids.Length == 0 ? 0 : ids.Min();
            if (minId >= 0 && maxId <= (4L * ids.Length) + 1024)
            {
                _slotOfId = new int[maxId + 1];
                Array.Fill(_slotOfId, -1);
                for (var slot = 0; slot < ids.Length; slot++)
                {
                    _slotOfId[ids[slot]] = slot;
                }
            }
            else
            {
                _slotById = new Dictionary<int, int>(ids.Length);
                for (var slot = 0; slot < ids.Length; slot++)
                {
                    _slotById[ids[slot]] = slot;
                }
            }
        }

        public string Version { get; }

        /// <summary>The store's themes by id; an event's mask has bit i for the i-th.</summary>
        public IReadOnlyList<ThemeColumn> Themes { get; }

        /// <summary>The number of events in the store at this version.</summary>
        public int Count => _ids.Length;

        internal bool IsUsable { get; private init; } = true;

        /// <summary>A version that cannot be projected (too many themes, or the build failed): SQL answers it.</summary>
        internal static Snapshot Unusable(string version) => new(version, [], [], [], []) { IsUsable = false };

        internal static async Task<Snapshot> BuildAsync(ITrackerDbContext db, string version, CancellationToken cancellationToken)
        {
            // Timeline order is the SQL's own (DateStart, DateEnd, Id), so a page taken here is the page SQL would give.
            var columns = await db.ReadTimelineColumnsAsync(cancellationToken);
            var themes = columns.ThemesById;
            if (themes.Count > MaxThemes)
            {
                return Unusable(version);
            }

            var ids = columns.IdsInTimelineOrder;
            var statuses = new byte[ids.Length];
            var masks = new ulong[ids.Length];
            var snapshot = new Snapshot(version, themes, ids, statuses, masks);
            foreach (var (status, ofStatus) in columns.IdsByStatus)
            {
                foreach (var id in ofStatus)
                {
                    if (snapshot.TryGetSlot(id, out var slot))
                    {
                        statuses[slot] = checked((byte)status);
                    }
                }
            }

            var bitOfTheme = themes.Select((t, bit) => (t.Id, bit)).ToDictionary(x => x.Id, x => x.bit);
            foreach (var (themeId, eventIds) in columns.EventIdsByTheme)
            {
                // A theme added after the themes were read (another version) has no bit; the next version will.
                if (!bitOfTheme.TryGetValue(themeId, out var bit))
                {
                    continue;
                }

                foreach (var id in eventIds)
                {
                    if (snapshot.TryGetSlot(id, out var slot))
                    {
                        masks[slot] |= 1UL << bit;
                    }
                }
            }

            return snapshot;
        }

        private bool TryGetSlot(int id, out int slot)
        {
            if (_slotOfId is not null)
            {
                slot = (uint)id < (uint)_slotOfId.Length ? _slotOfId[id] : -1;
                return slot >= 0;
            }

            return _slotById!.TryGetValue(id, out slot);
        }

        /// <summary>
        /// The theme and status filters of <paramref name="filter"/> applied to <paramref name="ids"/> (which already
        /// carry every other filter), each facet counted as if its own filter were not chosen — the SQL path's rules,
        /// repeats of a theme included. Null when an id is not in this snapshot (written after it was built): the caller
        /// then asks SQL.
        /// </summary>
        public Matches? Evaluate(IReadOnlyList<int> ids, TimelineFilter filter)
        {
            var wanted = 0UL;
            var unknownTheme = false;
            foreach (var slug in filter.Themes)
            {
                var bit = IndexOfTheme(slug);
                if (bit < 0)
                {
                    unknownTheme = true;
                }
                else
                {
                    wanted |= 1UL << bit;
                }
            }

            var byTheme = filter.Themes.Count > 0;
            var all = filter.Match == ThemeMatch.All;
            var statusMask = 0;
            foreach (var status in filter.Statuses)
            {
                if ((int)status >= 0 && (int)status < StatusCount)
                {
                    statusMask |= 1 << (int)status;
                }
            }

            var byStatus = filter.Statuses.Count > 0;
            var themeCounts = new int[Themes.Count];
            var statusCounts = new int[StatusCount];
            var seen = new ulong[(_ids.Length + 63) / 64];
            var slots = new ulong[seen.Length];
            var total = 0;
            foreach (var id in ids)
            {
                if (!TryGetSlot(id, out var slot))
                {
                    return null;
                }

                ref var seenWord = ref seen[slot >> 6];
                var slotBit = 1UL << slot;
                if ((seenWord & slotBit) != 0)
                {
                    continue;
                }

                seenWord |= slotBit;
                var mask = _themes[slot];
                var status = _statuses[slot];

                // "All" of a theme the store does not have matches nothing; "any" of it is one that no event has.
                var passesTheme = !byTheme || (all ? !unknownTheme && (mask & wanted) == wanted : (mask & wanted) != 0);
                var passesStatus = !byStatus || (statusMask & (1 << status)) != 0;
                if (passesStatus)
                {
                    for (var rest = mask; rest != 0; rest &= rest - 1)
                    {
                        themeCounts[BitOperations.TrailingZeroCount(rest)]++;
                    }
                }

                if (passesTheme)
                {
                    statusCounts[status]++;
                    if (passesStatus)
                    {
                        total++;
                        slots[slot >> 6] |= slotBit;
                    }
                }
            }

            return new Matches(themeCounts, statusCounts, total, slots);
        }

        /// <summary>
        /// The ids of the page that starts after <paramref name="skip"/> matching events, in timeline order or its
        /// reverse: a walk over the bits in order, counting whole words at a time, with no sort.
        /// </summary>
        public IReadOnlyList<int> Page(Matches matches, int skip, int take, SortOrder order)
        {
            var page = new List<int>(Math.Min(take, Math.Max(0, matches.Total - skip)));
            var words = matches.Slots;
            if (order == SortOrder.Ascending)
            {
                for (var w = 0; w < words.Length && page.Count < take; w++)
                {
                    var word = words[w];
                    var count = BitOperations.PopCount(word);
                    if (skip >= count)
                    {
                        skip -= count;
                        continue;
                    }

                    for (; word != 0 && page.Count < take; word &= word - 1)
                    {
                        if (skip > 0)
                        {
                            skip--;
                            continue;
                        }

                        page.Add(_ids[(w << 6) + BitOperations.TrailingZeroCount(word)]);
                    }
                }
            }
            else
            {
                for (var w = words.Length - 1; w >= 0 && page.Count < take; w--)
                {
                    var word = words[w];
                    var count = BitOperations.PopCount(word);
                    if (skip >= count)
                    {
                        skip -= count;
                        continue;
                    }

                    while (word != 0 && page.Count < take)
                    {
                        var bit = 63 - BitOperations.LeadingZeroCount(word);
                        word &= ~(1UL << bit);
                        if (skip > 0)
                        {
                            skip--;
                            continue;
                        }

                        page.Add(_ids[(w << 6) + bit]);
                    }
                }
            }

            return page;
        }

        /// <summary>The facets as the SQL path reports them: every theme by id, every status by value.</summary>
        public TimelineFacets Facets(Matches matches) =>
            TimelineFacets.Of(Themes, (_, bit) => matches.ThemeCounts[bit], s => matches.StatusCounts[(int)s]);

        private int IndexOfTheme(string slug)
        {
            for (var i = 0; i < Themes.Count; i++)
            {
                if (string.Equals(Themes[i].Slug, slug, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
