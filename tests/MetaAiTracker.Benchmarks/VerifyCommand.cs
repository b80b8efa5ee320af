using System.Text.Json;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Benchmarks;

/// <summary>
/// <c>verify --events N</c>: runs each benchmark's service and its hand-SQL baseline once and checks that they give the
/// same answer (as JSON), so the Ratio column compares like with like. Prints each answer's size and the timings.
/// </summary>
internal static class VerifyCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var failures = 0;
        foreach (var events in (Options.Get(args, "--events") ?? "1000").Split(',').Select(int.Parse))
        {
            var b = new TrackerBenchmarks { Events = events };
            await b.SetupAsync();
            failures += await Compare(events, "Timeline", b.Timeline_Service, b.Timeline_HandSql);
            failures += await Compare(events, "TextSearch", b.TextSearch_Service, b.TextSearch_HandSql);
            failures += await Compare(events, "TextSqlOnly", b.TextSearch_ServiceSqlOnly, b.TextSearch_HandSql);
            failures += await Compare(events, "Projection", () => ProjectionDigestAsync(b), () => ProjectionDigestAsync(b.Sql));
            failures += await Compare(events, "RareZh", b.TextSearchRareZh_Service, b.TextSearchRareZh_HandSql);
            failures += await Compare(events, "RareEn", b.TextSearchRareEn_Service, b.TextSearchRareEn_HandSql);
            failures += await Compare(events, "Attrition", b.Attrition_Service, b.Attrition_HandSql);
            failures += await Compare(events, "ApiEvents", b.ApiEvents_Service, b.ApiEvents_HandSql); // the JSON's length
            failures += await Compare(events, "ApiResult", () => b.Timeline.QueryAsync(TrackerBenchmarks.ApiFilter), () => b.Sql.TimelineAsync(TrackerBenchmarks.ApiFilter));
            // The cached service (the app's set-up), pages 1-4 of each question: the first computes and keeps, the rest reuse.
            for (var page = 1; page <= 4; page++)
            {
                var text = TrackerBenchmarks.TextFilter with { Page = page };
                var timeline = TrackerBenchmarks.FilteredTimeline with { Page = page };
                failures += await Compare(events, $"TextWarm{page}", () => b.CachedTimeline.QueryAsync(text), () => b.Sql.TimelineAsync(text));
                failures += await Compare(events, $"TimeWarm{page}", () => b.CachedTimeline.QueryAsync(timeline), () => b.Sql.TimelineAsync(timeline));
            }

            failures += await Compare(events, "Grouping",
                async () => (await b.Grouping_Service()).Select(g => g.Key + ": " + string.Join(' ', g.Items.Select(i => i.Slug))).ToList(),
                async () => (await b.Grouping_HandSql()).Select(g => g.Key + ": " + string.Join(' ', g.Items.Select(i => i.Slug))).ToList());
        }

        Console.WriteLine(failures == 0 ? "every baseline gives the service's answer" : $"{failures} baseline(s) differ");
        return failures == 0 ? 0 : 1;
    }

    /// <summary>What a snapshot holds, through its public answers: ids in timeline order, theme and status counts over all.</summary>
    private static async Task<string> ProjectionDigestAsync(TrackerBenchmarks b)
    {
        await using var db = await b.Database.Factory.CreateAsync();
        var snapshot = (await new TimelineProjection().GetAsync(db, "verify"))!;
        var all = await db.Events.Select(e => e.Id).ToListAsync();
        var matches = snapshot.Evaluate(all, new TimelineFilter { Text = "any" })!;
        var facets = snapshot.Facets(matches);
        return Digest(snapshot.Page(matches, 0, snapshot.Count, SortOrder.Ascending),
            facets.Themes.Select(f => f.Count), facets.Statuses.Select(f => f.Count));
    }

    private static async Task<string> ProjectionDigestAsync(HandSql sql)
    {
        var (ids, statuses, masks) = await sql.ProjectionColumnsAsync();
        var themes = Enumerable.Range(0, 64).Select(bit => masks.Count(m => (m & (1UL << bit)) != 0)).ToList();
        var themeCount = await sql.ThemeCountAsync();
        return Digest(ids, themes.Take(themeCount), Enum.GetValues<ClaimStatus>().Select(s => statuses.Count(x => x == (byte)s)));
    }

    private static string Digest(IEnumerable<int> ids, IEnumerable<int> themeCounts, IEnumerable<int> statusCounts) =>
        $"ids {string.Join(',', ids).GetHashCode(StringComparison.Ordinal)}; themes {string.Join(',', themeCounts)}; statuses {string.Join(',', statusCounts)}";

    private static async Task<int> Compare<T1, T2>(int events, string name, Func<Task<T1>> service, Func<Task<T2>> handSql)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var a = JsonSerializer.Serialize(await service(), TrackerBenchmarks.Json);
        var serviceMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var b = JsonSerializer.Serialize(await handSql(), TrackerBenchmarks.Json);
        var sqlMs = clock.Elapsed.TotalMilliseconds;
        var same = a == b;
        Console.WriteLine($"{events,7} {name,-10} {(same ? "same" : "DIFFERENT"),-9} {a.Length,8} chars  service {serviceMs,8:F1} ms (first call)  hand SQL {sqlMs,8:F1} ms");
        if (!same)
        {
            var i = 0;
            while (i < Math.Min(a.Length, b.Length) && a[i] == b[i])
            {
                i++;
            }

            Console.WriteLine($"  service : …{a[Math.Max(0, i - 80)..Math.Min(a.Length, i + 120)]}");
            Console.WriteLine($"  hand SQL: …{b[Math.Max(0, i - 80)..Math.Min(b.Length, i + 120)]}");
        }

        return same ? 0 : 1;
    }
}
