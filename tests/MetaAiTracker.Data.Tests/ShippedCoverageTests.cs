using System.Text;
using System.Text.RegularExpressions;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Data.Dataset;
using MetaAiTracker.Tests.Shared;

namespace MetaAiTracker.Data.Tests;

/// <summary>
/// The shipped record reaches the present: every development the sources register lists after the article (its Part 2,
/// late July 2025 to June 2026) is an event in the month the register gives, reported from the page the register names,
/// and no date is more precise than a page shows. The list below is the register's, row by row, so that a dropped or
/// re-dated event fails here on any machine; where the register itself is on the machine, a second test checks that the
/// list is still the register's.
/// </summary>
public sealed partial class ShippedCoverageTests
{
    private static readonly DatasetDocument Shipped = ShippedDataset.Read().Document!;

    private static readonly Dictionary<string, SourceDto> SourcesByUrl =
        Shipped.Sources!.Where(s => s.Url is not null).ToDictionary(s => s.Url!, StringComparer.Ordinal);

    /// <summary>The register's Part 2, one row each: the event, the month of the row's date, the first page the row names.</summary>
    public static readonly TheoryData<string, string, string> Developments = new()
    {
        { "shengjia-zhao-named-chief-scientist", "2025-07", "https://www.republicworld.com/business/from-openai-researcher-to-meta-superintelligence-labs-lead-who-is-shengjia-zhao" },
        { "chatbot-content-standards-exposed", "2025-08", "https://www.devdiscourse.com/article/technology/3541313-controversial-meta-ai-chatbot-standards-unveiled" },
        { "big-sis-billie-death", "2025-08", "https://www.livemint.com/gadgets-and-appliances/chatbot-posing-as-kendall-jenner-leads-man-to-his-death-highlighting-fresh-ai-risks/amp-11755508424355.html" },
        { "hawley-opens-inquiry", "2025-08", "https://capemonews.com/stories/674505999-hawley-demands-answers-from-meta-over-ai-chatbot-interactions-with-children" },
        { "ftc-companion-chatbot-inquiry", "2025-09", "https://www.mondaq.com/unitedstates/advertising-marketing-branding/1678558/ftc-launches-inquiry-into-ai-chatbots-acting-as-companions-what-it-means-for-advertisers-and-platforms" },
        { "ray-ban-display-launch", "2025-09", "https://www.phoneworld.com.pk/meta-launches-smart-glasses-with-wristband-control-eyes-ai-wearable-dominance/" },
        { "vibes-launched", "2025-09", "https://www.webpronews.com/meta-launches-vibes-ai-powered-short-videos-for-social-sharing/" },
        { "ai-chats-personalise-ads", "2025-10", "https://menafn.com/1110138366/Meta-To-Use-AI-Chats-To-Personalize-Ads-Content" },
        { "andrew-tulloch-joins-meta", "2025-10", "https://www.newsbytesapp.com/news/business/thinking-machines-lab-co-founder-andrew-tulloch-heads-to-meta/story" },
        { "parental-controls-for-ai-chats", "2025-10", "https://toronto.citynews.ca/2025/10/17/meta-adds-parental-controls-for-ai-teen-interactions/" },
        { "hyperion-blue-owl-deal", "2025-10", "https://www.channelnewsasia.com/business/meta-in-27-billion-financing-deal-blue-owl-capital-louisiana-data-center-5416241" },
        { "msl-cuts-600-jobs", "2025-10", "https://www.ndtvprofit.com/business/meta-cutting-roughly-600-ai-jobs-as-company-aims-to-move-faster" },
        { "q3-2025-results", "2025-10", "https://www.nasdaq.com/articles/why-meta-stock-down-big-today" },
        { "meta-record-bond-sale", "2025-10", "https://fixedincome.fidelity.com/ftgw/fi/FINewsArticle?id=202510301824RTRSNEWSCOMBINED_L1N3WB1WD_1" },
        { "soumith-chintala-leaves", "2025-11", "https://www.hindustantimes.com/trending/us/from-tier-2-indian-college-to-vp-at-meta-the-remarkable-rise-of-soumith-chintala-101763112985863.html" },
        { "lecun-plans-to-leave", "2025-11", "https://pureai.com/articles/2025/11/12/meta-ai-chief-yann-lecun-to-leave-company.aspx" },
        { "lecun-confirms-departure", "2025-11", "https://www.hindustantimes.com/trending/yann-lecun-confirms-long-rumoured-departure-from-meta-is-now-launching-own-ai-startup-101763612934364.html" },
        { "google-tpu-talks", "2025-11", "https://www.khaleejtimes.com/business/tech/meta-in-talks-to-spend-billions-on-googles-chips-the-information-reports" },
        { "alan-dye-joins-meta", "2025-12", "https://www.channelnewsasia.com/business/apples-design-executive-alan-dye-join-meta-5537646" },
        { "avocado-slips-and-power-struggle", "2025-12", "https://www.sherwood.news/tech/falling-behind-its-rivals-and-facing-internal-tension-meta-reportedly-preps" },
        { "ft-wang-frustrated", "2025-12", "https://www.ndtv.com/feature/meta-ai-prodigy-alexandr-wang-unhappy-with-boss-mark-zuckerbergs-micromanagement-calls-it-suffocating-report-9844199" },
        { "mango-and-avocado-roadmap", "2025-12", "https://techwatchph.com/2025/12/20/meta-eyes-fruitful-ai-push-in-2026-with-new-image-video-and-text-models" },
        { "ami-labs-seeks-funding", "2025-12", "https://biz.chosun.com/en/en-it/2025/12/19/TJKRBDPPXFBRNPWMF4UWAJJKDM/?outputType=amp" },
        { "meta-buys-manus", "2025-12", "https://btw.media/all/tech-trends/ai/meta-to-acquire-chinese-founded-ai-startup-manus-in-strategic-move-on-advanced-artificial-intelligence" },
        { "meta-compute-created", "2026-01", "https://www.channelnewsasia.com/business/meta-establish-meta-compute-initiative-build-gigawatt-scale-capacity-5853946" },
        { "reality-labs-cuts", "2026-01", "https://www.hindustantimes.com/trending/us/meta-layoffs-2026-reality-labs-cuts-over-1-000-jobs-signals-strategy-shift-101768353138250.html" },
        { "teen-ai-characters-paused", "2026-01", "https://www.socialsamosa.com/news-2/meta-suspend-teen-access-ai-characters-new-updates-11032957" },
        { "q4-2025-results", "2026-01", "https://finviz.com/news/290961/1-massive-number-from-meta-platforms-earnings-report-every-investor-needs-to-see" },
        { "avocado-finishes-pretraining", "2026-02", "https://ticker.report/news/meta-metas-avocado-ai-model-deemed-most-capable-yet-as-company-weighs-proprietary-2026-02-05" },
        { "vibes-standalone-app-test", "2026-02", "https://nigerialive24.com/technology/artificial-intelligence/meta-tests-standalone-vibes-app-for-ai-video-creation.html" },
        { "applied-ai-engineering-group", "2026-03", "https://www.newsbytesapp.com/news/science/meta-forms-new-ai-team-within-reality-labs/story" },
        { "meta-buys-moltbook", "2026-03", "https://morningoverview.com/meta-to-buy-moltbook-a-social-network-built-for-ai-bots" },
        { "avocado-delayed", "2026-03", "https://www.indiatoday.in/technology/news/story/meta-delays-ai-model-avocado-rollout-after-it-fails-to-meet-internal-tests-2881279-2026-03-13" },
        { "muse-spark-released", "2026-04", "https://insights.marvin-42.com/articles/metameta-superintelligence-labs-muse-spark" },
        { "q1-2026-results", "2026-04", "https://allweatherfinance.com/meta-conference-call-full-year-capital-expenditure-raised-by-another-10-billion-reaching-a-record-high-commercialization-path-for-ai-agents-remains-unclear/" },
        { "may-2026-layoffs", "2026-05", "https://cxovoice.com/metas-no-more-layoffs-message-still-left-employees-nervous/" },
        { "wang-bloomberg-tech-summit", "2026-06", "https://newsanalysis.net/muse-spark-meta-safety-report-open-source-decision/" },
    };

    /// <summary>The three rows that give a second, later date: that development is its own event, reported from the row's second page.</summary>
    public static readonly TheoryData<string, string, string> LaterDevelopments = new()
    {
        { "hawley-widens-inquiry", "2025-09", "https://pubt.io/view/F6E975A3E2BB6931248DCCD48EABF8C8F3A1BC09" },
        { "google-tpu-deal-signed", "2026-02", "https://longform.social/post/did:plc:avkh7zze5iapdkk6naaunrjn/3mfsixgi7jfn2" },
        { "ami-labs-seed-round", "2026-03", "https://russellclare.com/ai-lecun-world-models" },
    };

    /// <summary>
    /// Every date more precise than a month in the shipped record, with the page that shows the day. Anything else is kept
    /// at the month, quarter or year its sources give.
    /// </summary>
    private static readonly Dictionary<string, string> DayDates = new(StringComparer.Ordinal)
    {
        // Part 1 of the register.
        ["event:signalfire-talent-report"] = "2025-05-20", // the report date a copy of SignalFire's post gives
        ["event:msl-formed"] = "2025-06-30", // the memo's date, on the CNBC copy
        ["event:behemoth-closed-model-discussion"] = "2025-07-14", // the NYT story's date in the republished URL
        ["event:capex-guidance-raised"] = "2025-07-30", // Meta's release: "July 30, 2025"
        ["event:midjourney-licensing"] = "2025-08-22", // Viqus: August 22, 2025
        ["event:rishabh-agarwal-leaves"] = "2025-08-25", // THE DECODER (27 Aug): he posted "on Monday"
        ["figure:signalfire-meta-retention-64"] = "2025-05-20",
        ["figure:signalfire-anthropic-retention-80"] = "2025-05-20",
        ["figure:signalfire-deepmind-retention-78"] = "2025-05-20",
        ["figure:signalfire-openai-retention-67"] = "2025-05-20",
        ["figure:meta-headcount-75945"] = "2025-06-30", // "at June 30, 2025", in the release
        ["figure:capex-guidance-fy2025"] = "2025-07-30",
        ["organization:msl"] = "2025-06-30",
        // Part 2 of the register.
        ["event:hawley-widens-inquiry"] = "2025-09-18", // the press release is dated 09/18/2025
        ["event:parental-controls-for-ai-chats"] = "2025-10-17", // AP, 17 October 2025 in the URL
        ["event:meta-record-bond-sale"] = "2025-10-30", // the Reuters copy's id and date
        ["figure:meta-bond-sale-30b"] = "2025-10-30",
        ["tenure:soumith-chintala-meta"] = "2025-11-17", // he said he would leave on Nov 17
        ["tenure:alan-dye-meta"] = "2025-12-31", // he joins on Dec 31
        ["event:q4-2025-results"] = "2026-01-28", // the Motley Fool piece of January 28, 2026
        ["figure:capex-2025-actual"] = "2026-01-28",
        ["figure:capex-guidance-fy2026"] = "2026-01-28",
        ["figure:q4-2025-revenue"] = "2026-01-28",
        ["event:muse-spark-released"] = "2026-04-08", // CNET's listing and the Quartz URL: 2026-04-08
    };

    [Theory]
    [MemberData(nameof(Developments))]
    [MemberData(nameof(LaterDevelopments))]
    public void Each_development_after_the_article_is_an_event_in_the_registers_month_reported_from_its_page(string slug, string month, string url)
    {
        var e = Assert.Single(Shipped.Events!, e => e.Slug == slug);
        var date = PartialDate.Parse(e.Date!);
        var inMonth = PartialDate.Parse(month);

        Assert.True(date.Precision >= DatePrecision.Month, $"{slug} is dated {date}, less precise than the register's month");
        Assert.True(date.Start >= inMonth.Start && date.End <= inMonth.End, $"{slug} is dated {date}, outside {month}");

        Assert.True(SourcesByUrl.TryGetValue(url, out var source), $"no source has the address {url}");
        Assert.Contains(e.Citations!, c => c.Source == source.Slug && c.Kind == "report");

        Assert.False(string.IsNullOrWhiteSpace(e.TitleZh), $"{slug} has no Chinese title");
        Assert.False(string.IsNullOrWhiteSpace(e.SummaryZh), $"{slug} has no Chinese summary");
        Assert.NotEmpty(e.Themes!);
        Assert.True((e.People?.Count ?? 0) + (e.Organizations?.Count ?? 0) > 0, $"{slug} names nobody involved");
        Assert.False(string.IsNullOrWhiteSpace(e.StatusNote), $"{slug} does not say how sure it is");
    }

    [Fact]
    public void The_list_holds_the_37_developments_and_3_later_ones_once_each_in_date_order()
    {
        var rows = Developments.Select(r => ((string)r[0], (string)r[1])).ToList();
        var later = LaterDevelopments.Select(r => (string)r[0]).ToList();

        Assert.Equal(37, rows.Count);
        Assert.Equal(3, later.Count);
        Assert.Equal(40, rows.Select(r => r.Item1).Concat(later).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(rows.Select(r => r.Item2).Order(StringComparer.Ordinal), rows.Select(r => r.Item2));
    }

    [RequiresSharedFilesFact]
    public void The_list_is_the_registers_part_2_row_for_row()
    {
        var register = File.ReadAllText(SharedFiles.RegisterPath!, Encoding.UTF8);
        var part2 = register[register.IndexOf("## Part 2", StringComparison.Ordinal)..register.IndexOf("## Notes", StringComparison.Ordinal)];
        var rows = part2.Split('\n').Where(l => RowStart().IsMatch(l)).Select(l => l.Split('|')).ToList();

        var firsts = rows.Select(r => (Month: r[1].Trim()[..7], Url: Address().Matches(r[3]).First().Value)).ToList();
        Assert.Equal(firsts, Developments.Select(d => ((string)d[1], (string)d[2])).ToList());

        // A row with a second date ("2025-08-15 (letter); 2025-09-18 (expansion)") names that development's page second.
        var seconds = rows.Select(r => (Date: SecondDate().Match(r[1]), Urls: Address().Matches(r[3])))
            .Where(r => r.Date.Success)
            .Select(r => (r.Date.Groups[1].Value[..7], r.Urls[1].Value)).ToList();
        Assert.Equal(seconds, LaterDevelopments.Select(d => ((string)d[1], (string)d[2])).ToList());
    }

    [Fact]
    public void The_record_holds_the_articles_story_and_the_40_developments_after_it()
    {
        // The 30 events of the article's story (what it says, and what happened up to the end of August 2025) and the 40 above; ShippedDatasetTests checks
        // that the store holds exactly what the document does.
        var after = Developments.Concat(LaterDevelopments).Select(r => (string)r[0]).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(70, Shipped.Events!.Count);
        Assert.Equal(40, Shipped.Events!.Count(e => after.Contains(e.Slug!)));
        Assert.All(Shipped.Events!.Where(e => !after.Contains(e.Slug!)), e => Assert.True(e.Citations!.Any(c => c.Source == "article-zh") || PartialDate.Parse(e.Date!).End < new DateOnly(2025, 9, 1),
            $"{e.Slug} is neither the article's story nor in the list"));

        var citations = ShippedProvenanceTests.Cited().Select(c => c.Citation).ToList();
        Assert.Equal((82, 228), (citations.Count(c => c.Kind == "quote"), citations.Count(c => c.Kind == "report")));
        Assert.Equal((76, 37, 40, 25, 41),
            (Shipped.Sources!.Count, Shipped.Organizations!.Count, Shipped.People!.Count, Shipped.Tenures!.Count, Shipped.Figures!.Count));

        // Every source is cited, and every tenure and figure of the later reporting (not the article's) reports from an addressed page.
        var cited = citations.Select(c => c.Source).ToHashSet(StringComparer.Ordinal);
        Assert.All(Shipped.Sources!, s => Assert.Contains(s.Slug, cited));

        var urls = Shipped.Sources!.ToDictionary(s => s.Slug!, s => s.Url, StringComparer.Ordinal);
        bool Reported(List<CitationDto>? cs) => (cs ?? []).Any(c => c.Kind == "report" && urls[c.Source!]?.StartsWith("https://", StringComparison.Ordinal) == true);
        static bool Later(string? date) => date is not null && PartialDate.Parse(date).Start >= new DateOnly(2025, 9, 1);
        Assert.All(Shipped.Figures!.Where(f => Later(f.AsOf) && f.Citations!.All(c => c.Source != "article-zh")), f => Assert.True(Reported(f.Citations), $"figure {f.Slug} has no report"));
        Assert.All(Shipped.Tenures!.Where(t => Later(t.Start) || Later(t.End)), t => Assert.True(Reported(t.Citations), $"tenure {t.Slug} has no report"));
    }

    [Fact]
    public void A_date_is_known_to_the_day_only_where_a_page_shows_that_day()
    {
        var days = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string key, string? date)
        {
            if (date is not null && PartialDate.Parse(date).Precision == DatePrecision.Day)
            {
                days[key] = date;
            }
        }

        Shipped.Events!.ForEach(e => Add($"event:{e.Slug}", e.Date));
        Shipped.Figures!.ForEach(f => Add($"figure:{f.Slug}", f.AsOf));
        Shipped.Organizations!.ForEach(o => { Add($"organization:{o.Slug}", o.ExistedFrom); Add($"organization:{o.Slug}", o.ExistedTo); });
        foreach (var t in Shipped.Tenures!)
        {
            Add($"tenure:{t.Slug}", t.Start);
            Add($"tenure:{t.Slug}", t.End);
        }

        Assert.Equal(DayDates.OrderBy(d => d.Key, StringComparer.Ordinal), days.OrderBy(d => d.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void An_event_known_only_to_the_quarter_or_year_is_one_only_the_undated_article_gives()
    {
        var vague = Shipped.Events!.Where(e => PartialDate.Parse(e.Date!).Precision < DatePrecision.Month).ToList();

        Assert.NotEmpty(vague);
        Assert.All(vague, e => Assert.All(e.Citations!, c => Assert.Equal("article-zh", c.Source)));
    }

    [Fact]
    public void No_event_or_figure_is_dated_after_the_newest_page_that_reports_it()
    {
        var sources = Shipped.Sources!.ToDictionary(s => s.Slug!, StringComparer.Ordinal);
        PartialDate? Newest(IEnumerable<CitationDto> citations) => citations
            .Select(c => sources[c.Source!].Published).Where(p => p is not null).Select(p => PartialDate.Parse(p!))
            .Select(p => (PartialDate?)p).MaxBy(p => p!.Value.End);

        var dated = Shipped.Events!.Select(e => (What: $"event {e.Slug}", Date: e.Date, e.Citations))
            .Concat(Shipped.Figures!.Select(f => (What: $"figure {f.Slug}", Date: f.AsOf, f.Citations)))
            .Where(d => d.Date is not null);

        var early = dated
            .Select(d => (d.What, Date: PartialDate.Parse(d.Date!), Newest: Newest(d.Citations!)))
            .Where(d => d.Newest is { } n && d.Date.Start > n.End)
            .Select(d => $"{d.What} is dated {d.Date}, after its newest page ({d.Newest})")
            .ToList();

        Assert.True(early.Count == 0, string.Join('\n', early));
    }

    [Fact]
    public void The_record_runs_from_april_2025_to_june_2026_and_every_month_between_has_an_event()
    {
        var months = Shipped.Events!.Select(e => PartialDate.Parse(e.Date!)).Where(d => d.Precision >= DatePrecision.Month)
            .Select(d => d.Start.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal);

        var expected = Enumerable.Range(0, 15).Select(i => new DateOnly(2025, 4, 1).AddMonths(i).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal("2026-06", expected[^1]);
        Assert.Equal(expected, months.Order(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"^\| \d{4}-\d{2}-\d{2}")]
    private static partial Regex RowStart();

    [GeneratedRegex(@"https://[^\s;]+")]
    private static partial Regex Address();

    [GeneratedRegex(@";\s*(\d{4}-\d{2}-\d{2})")]
    private static partial Regex SecondDate();
}
