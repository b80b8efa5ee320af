using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;

namespace MetaAiTracker.Benchmarks;

/// <summary>
/// The services at 1k, 10k and 100k events, each category next to its baseline: the same question answered with
/// hand-written SQL through Microsoft.Data.Sqlite (<see cref="HandSql"/>), measured in the same run, so the Ratio column
/// reads "ORM ÷ hand SQL". See docs/performance.md for the commands and the figures.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[MemoryDiagnoser]
public class TrackerBenchmarks
{
    /// <summary>Theme + date + text: talent or partnerships, wholly inside 2024–2025, mentioning "leaves".</summary>
    public static readonly TimelineFilter FilteredTimeline = new()
    {
        Themes = ["talent", "partnerships"], From = PartialDate.Parse("2024-01"), To = PartialDate.Parse("2025-12"), Text = "leaves",
    };

    /// <summary>Text alone, Chinese: a four-character word that about a third of the events carry somewhere.</summary>
    public static readonly TimelineFilter TextFilter = new() { Text = "超级智能" };

    /// <summary>
    /// Text alone, selective, caseless (answered by the index alone): a figure and its unit in Chinese, "61 billion
    /// dollars", that about 0.2 % of the events carry (178 of 100,000).
    /// </summary>
    public static readonly TimelineFilter RareChineseFilter = new() { Text = "610亿美元" };

    /// <summary>Text alone, selective, with letters (index candidates checked with LIKE): a model name in 15 of 100,000 events.</summary>
    public static readonly TimelineFilter RareEnglishFilter = new() { Text = "Maverick 27" };

    /// <summary>Grouping: the largest page (200) of one theme over two years, by month.</summary>
    public static readonly TimelineFilter GroupFilter = new()
    {
        Themes = ["talent"], From = PartialDate.Parse("2024"), To = PartialDate.Parse("2025"), Group = TimelineGrouping.Month, PageSize = TimelineFilter.MaxPageSize,
    };

    /// <summary>The API's default request: GET /api/events, page 1 of 50, no filter.</summary>
    public static readonly TimelineFilter ApiFilter = new();

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new PartialDateJsonConverter() } };

    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private BenchDatabase _database = null!;
    private TimelineService _timeline = null!;
    private TimelineService _sqlOnlyTimeline = null!;
    private TimelineService _cachedTimeline = null!;
    private int _warmPage;
    private AttritionService _attrition = null!;
    private HandSql _sql = null!;
    private IReadOnlyList<TimelineItem> _groupItems = [];

    internal TimelineService Timeline => _timeline;
    internal TimelineService SqlOnlyTimeline => _sqlOnlyTimeline;
    internal TimelineService CachedTimeline => _cachedTimeline;
    internal HandSql Sql => _sql;
    internal BenchDatabase Database => _database;

    /// <summary>1k, 10k and 100k events; <c>--events 1000,10000</c> (or BENCH_EVENTS) runs a subset.</summary>
    [ParamsSource(nameof(Sizes))]
    public int Events { get; set; }

    public static IEnumerable<int> Sizes =>
        (Environment.GetEnvironmentVariable("BENCH_EVENTS") ?? "1000,10000,100000")
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture));

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await BenchDatabase.OpenAsync(Events);
        // "Cold": no answer is kept between calls; the projection (an index of the events in memory, built once per data
        // version, so here once in the warm-up) is on, as in the app. SqlOnly: without it, every count and page by SQL.
        _timeline = new TimelineService(_database.Factory, projection: new TimelineProjection());
        _sqlOnlyTimeline = new TimelineService(_database.Factory);
        _cachedTimeline = new TimelineService(_database.Factory, new TimelineCache(), new TimelineProjection());
        _attrition = new AttritionService(_database.Factory, TimeProvider.System);
        _sql = new HandSql(_database.ConnectionString);
        _groupItems = (await _timeline.QueryAsync(GroupFilter)).Items;
    }

    // (a) Timeline: theme + date + text filters, a page, and the facet counts.

    [Benchmark(Baseline = true), BenchmarkCategory("Timeline")]
    public Task<TimelineResult> Timeline_HandSql() => _sql.TimelineAsync(FilteredTimeline);

    [Benchmark, BenchmarkCategory("Timeline")]
    public Task<TimelineResult> Timeline_Service() => _timeline.QueryAsync(FilteredTimeline);

    // Text search alone (Chinese, FTS5 trigram), with its page and facets.

    [Benchmark(Baseline = true), BenchmarkCategory("TextSearch")]
    public Task<TimelineResult> TextSearch_HandSql() => _sql.TimelineAsync(TextFilter);

    [Benchmark, BenchmarkCategory("TextSearch")]
    public Task<TimelineResult> TextSearch_Service() => _timeline.QueryAsync(TextFilter);

    [Benchmark, BenchmarkCategory("TextSearch")]
    public Task<TimelineResult> TextSearch_ServiceSqlOnly() => _sqlOnlyTimeline.QueryAsync(TextFilter);

    // The same two questions on the app's own set-up, with its timeline cache: someone paging through the answer
    // (pages 1-4 in turn), so the search and the counts are kept and only the page is read. The baseline answers the
    // same page from scratch every time.

    [Benchmark(Baseline = true), BenchmarkCategory("TimelineWarm")]
    public Task<TimelineResult> TimelineWarm_HandSql() => _sql.TimelineAsync(FilteredTimeline with { Page = NextWarmPage() });

    [Benchmark, BenchmarkCategory("TimelineWarm")]
    public Task<TimelineResult> TimelineWarm_Service() => _cachedTimeline.QueryAsync(FilteredTimeline with { Page = NextWarmPage() });

    [Benchmark(Baseline = true), BenchmarkCategory("TextSearchWarm")]
    public Task<TimelineResult> TextSearchWarm_HandSql() => _sql.TimelineAsync(TextFilter with { Page = NextWarmPage() });

    [Benchmark, BenchmarkCategory("TextSearchWarm")]
    public Task<TimelineResult> TextSearchWarm_Service() => _cachedTimeline.QueryAsync(TextFilter with { Page = NextWarmPage() });

    private int NextWarmPage() => _warmPage++ % 4 + 1;

    // Selective text search: a rare phrase, Chinese (index alone) and English (index, then the LIKE check).

    [Benchmark(Baseline = true), BenchmarkCategory("TextSearchRareZh")]
    public Task<TimelineResult> TextSearchRareZh_HandSql() => _sql.TimelineAsync(RareChineseFilter);

    [Benchmark, BenchmarkCategory("TextSearchRareZh")]
    public Task<TimelineResult> TextSearchRareZh_Service() => _timeline.QueryAsync(RareChineseFilter);

    [Benchmark(Baseline = true), BenchmarkCategory("TextSearchRareEn")]
    public Task<TimelineResult> TextSearchRareEn_HandSql() => _sql.TimelineAsync(RareEnglishFilter);

    [Benchmark, BenchmarkCategory("TextSearchRareEn")]
    public Task<TimelineResult> TextSearchRareEn_Service() => _timeline.QueryAsync(RareEnglishFilter);

    // (b) Grouping: a 200-event page by month.

    [Benchmark(Baseline = true), BenchmarkCategory("Grouping")]
    public Task<List<(string Key, List<TimelineItem> Items)>> Grouping_HandSql() => _sql.GroupedPageAsync(GroupFilter);

    [Benchmark, BenchmarkCategory("Grouping")]
    public async Task<IReadOnlyList<TimelineGroup<TimelineItem>>> Grouping_Service()
    {
        var result = await _timeline.QueryAsync(GroupFilter);
        return TimelineGrouper.Group(result.Items, i => i.Date, GroupFilter.Group, GroupFilter.Sort);
    }

    /// <summary>The grouper alone on the already loaded page: what grouping itself costs.</summary>
    [Benchmark, BenchmarkCategory("Grouping")]
    public IReadOnlyList<TimelineGroup<TimelineItem>> Grouping_GrouperOnly() =>
        TimelineGrouper.Group(_groupItems, i => i.Date, GroupFilter.Group, GroupFilter.Sort);

    // The projection's build: what the first text search after a write pays on top of the search (a new version
    // each call, so every call builds).

    [Benchmark(Baseline = true), BenchmarkCategory("ProjectionBuild")]
    public Task<int> ProjectionBuild_HandSql() => _sql.ProjectionAsync();

    [Benchmark, BenchmarkCategory("ProjectionBuild")]
    public async Task<int> ProjectionBuild_Service()
    {
        await using var db = await _database.Factory.CreateAsync();
        return (await new TimelineProjection().GetAsync(db, "build"))!.Count;
    }

    // (c) Attrition of MSL and its sub-organisations (the default request).

    [Benchmark(Baseline = true), BenchmarkCategory("Attrition")]
    public Task<AttritionReport> Attrition_HandSql() => _sql.AttritionAsync(AttritionRequest.DefaultOrganization, Today);

    [Benchmark, BenchmarkCategory("Attrition")]
    public async Task<AttritionReport?> Attrition_Service() => (await _attrition.ComputeAsync(new AttritionRequest()))?.Report;

    // (d) GET /api/events without HTTP: what its handler does — the default timeline query serialised to JSON. The
    // ApiHttp category (ApiHttpBenchmarks) and the http command measure the real endpoint over HTTP.

    [Benchmark(Baseline = true), BenchmarkCategory("ApiEvents")]
    public async Task<long> ApiEvents_HandSql()
    {
        using var stream = new MemoryStream();
        await JsonSerializer.SerializeAsync(stream, await _sql.TimelineAsync(ApiFilter), Json);
        return stream.Length;
    }

    [Benchmark, BenchmarkCategory("ApiEvents")]
    public async Task<long> ApiEvents_Service()
    {
        using var stream = new MemoryStream();
        await JsonSerializer.SerializeAsync(stream, await _timeline.QueryAsync(ApiFilter), Json);
        return stream.Length;
    }
}

/// <summary>Partial dates as their canonical text ("2025-Q3"), as the dataset format and the API write them.</summary>
public sealed class PartialDateJsonConverter : JsonConverter<PartialDate>
{
    public override PartialDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => PartialDate.Parse(reader.GetString()!);

    public override void Write(Utf8JsonWriter writer, PartialDate value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
