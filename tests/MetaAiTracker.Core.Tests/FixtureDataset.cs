using MetaAiTracker.Data.Dataset;
using MetaAiTracker.Tests.Shared;

namespace MetaAiTracker.Core.Tests;

/// <summary>
/// A small dataset built in code, so that every expected number in the service tests can be worked out by hand
/// from the table below (the tests never ask the code under test for an expected value).
///
/// Themes: talent, data, safety. Organisations: lab ("Frontier Lab", 前沿实验室) with the sub-organisation
/// lab-team under it; rival, startup and uni as other employers.
///
///  #   slug               date         span              themes          people            orgs                 status
///  E1  lab-founded        2025         Jan 1–Dec 31      talent          gus-ma            lab                  reported
///  E2  hiring-push        2025-Q3      Jul 1–Sep 30      talent, data    ann-lee, bo-chen  lab                  reported
///  E3  core-team-formed   2025-06-30   Jun 30            talent          —                 lab-team, lab        confirmed
///  E4  data-deal          2025-07-01   Jul 1             data            —                 lab, startup         confirmed
///  E5  eve-joins-team     2025-07-10   Jul 10            talent          eve-sun           lab-team             reported
///  E6  label-complaints   2025-08-20   Aug 20            data, safety    —                 startup              denied
///  E7  ann-lee-leaves     2025-08      Aug 1–Aug 31      talent          ann-lee           lab, rival           disputed
///  E8  bo-chen-leaves     2025-08-29   Aug 29            talent          bo-chen           lab, startup         reported
///  E9  safety-review      2025-09-01   Sep 1             safety          —                 lab                  reported
///  E10 policy-update      2025-10      Oct 1–Oct 31      safety, talent  fay-wu, gus-ma    lab-team             reported
///
/// No two events share both start and end, so the timeline order (start, then end) needs no tie-break:
///   ascending  E1 (Jan 1) · E3 (Jun 30) · E4 (Jul 1–Jul 1) · E2 (Jul 1–Sep 30) · E5 (Jul 10) · E7 (Aug 1) · E6 (Aug 20)
///              · E8 (Aug 29) · E9 (Sep 1) · E10 (Oct 1)
///
/// Text that the search tests rely on (every English and Chinese title, summary and quote is listed in
/// <see cref="Build"/>; these are the only places the searched strings occur):
///   "%"  only in E6's summary ("50% of a data set");  "500" in E2's summary and quote (what "50%" would match
///   if % were a wildcard);  "_" only in E4's summary ("data_set");  "data set" in E6 (what "data_set" would
///   match if _ were a wildcard);  "leaves" only in E7's and E8's English titles;  "离开" in E7's and E8's
///   Chinese titles and E7's quote;  "辞呈" and "resignation" only in E8's quote (zh and en);  "核心团队" in E3 and E5.
///
/// Tenures (all with citations; the attrition arithmetic is in AttritionServiceTests):
///   ann-lee-lab     lab        2025-06     → 2025-08      from rival    to rival
///   bo-chen-lab     lab        2025-06-02  → 2025-08-29   from uni      to startup
///   cai-wen-team    lab-team   2025-Q3     → (still there) from rival
///   dan-ho-lab      lab        (unknown)   → 2025-07      —             —
///   eve-sun-team    lab-team   2025-07-10  → 2025-Q3      —             to rival
///   fay-wu-lab      lab        2025-08     → (still there) from startup
///   gus-ma-lab      lab        2025        → (still there) from uni
///   ann-lee-rival   rival      2025-09     → (still there) (not in the lab)
/// </summary>
public static class FixtureDataset
{
    public const string Lab = "lab";
    public const string LabTeam = "lab-team";

    public static async Task<TestDatabase> LoadAsync(DatasetDocument? document = null)
    {
        var database = new TestDatabase();
        try
        {
            await database.LoadAsync(document ?? Build());
            return database;
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    public static DatasetDocument Build() => new()
    {
        SchemaVersion = DatasetReader.SupportedSchemaVersion,
        Name = "fixture",
        Description = "Hand-checked fixture for the service tests.",
        Themes =
        [
            new() { Slug = "talent", NameEn = "Talent", NameZh = "人才", Color = "#1565C0" },
            new() { Slug = "data", NameEn = "Data", NameZh = "数据", Color = "#2E7D32" },
            new() { Slug = "safety", NameEn = "Safety", NameZh = "安全", Color = "#C62828" },
        ],
        Sources =
        [
            new()
            {
                Slug = "article", Kind = "article", Title = "前沿实验室的动荡", Publisher = "示例日报", Published = "2025-09", Language = "zh-Hans",
                IsPrimary = true, Text = [.. ArticleText],
            },
            new()
            {
                Slug = "wire", Kind = "wire-copy", Title = "Wire report on Frontier Lab", Publisher = "Example Wire", Published = "2025-08-29",
                Language = "en", Url = "https://wire.example/frontier-lab",
            },
        ],
        Organizations =
        [
            new() { Slug = Lab, Name = "Frontier Lab", NameZh = "前沿实验室", ShortName = "FL", Kind = "lab" },
            new() { Slug = LabTeam, Name = "Frontier Lab Core Team", NameZh = "前沿实验室核心团队", Parent = Lab, Kind = "team" },
            new() { Slug = "rival", Name = "Rival AI", Kind = "company" },
            new() { Slug = "startup", Name = "Label Startup", Kind = "company" },
            new() { Slug = "uni", Name = "Example University", Kind = "research" },
        ],
        People =
        [
            Person("ann-lee", "Ann Lee", "李安"),
            Person("bo-chen", "Bo Chen", "陈博"),
            Person("cai-wen", "Cai Wen", "蔡文"),
            Person("dan-ho", "Dan Ho", "何丹"),
            Person("eve-sun", "Eve Sun", "孙怡"),
            Person("fay-wu", "Fay Wu", "吴菲"),
            Person("gus-ma", "Gus Ma", "马格"),
        ],
        Tenures =
        [
            Tenure("ann-lee-lab", "ann-lee", Lab, "2025-06", "2025-08", "rival", "rival"),
            Tenure("bo-chen-lab", "bo-chen", Lab, "2025-06-02", "2025-08-29", "uni", "startup"),
            Tenure("cai-wen-team", "cai-wen", LabTeam, "2025-Q3", null, "rival", null),
            Tenure("dan-ho-lab", "dan-ho", Lab, null, "2025-07", null, null),
            Tenure("eve-sun-team", "eve-sun", LabTeam, "2025-07-10", "2025-Q3", null, "rival"),
            Tenure("fay-wu-lab", "fay-wu", Lab, "2025-08", null, "startup", null),
            Tenure("gus-ma-lab", "gus-ma", Lab, "2025", null, "uni", null),
            Tenure("ann-lee-rival", "ann-lee", "rival", "2025-09", null, null, null),
        ],
        Events =
        [
            Event("lab-founded", "2025", ["talent"], ["gus-ma"], [Lab], "reported",
                "Frontier Lab is founded", "前沿实验室成立",
                "The lab is set up some time in 2025 with Gus Ma among its first researchers.",
                "实验室于2025年某时成立，马格是首批研究员之一。",
                Cite("article", "前沿实验室于今年成立。", "Frontier Lab was founded this year.", "¶1")),
            Event("hiring-push", "2025-Q3", ["talent", "data"], ["ann-lee", "bo-chen"], [Lab], "reported",
                "Hiring push for data engineers", "招募数据工程师",
                "In the third quarter the lab hires 500 engineers for its data work.",
                "第三季度实验室为数据工作招聘了500名工程师。",
                Cite("article", "第三季度招聘了500名工程师。", "It hired 500 engineers in the third quarter.", "¶2")),
            Event("core-team-formed", "2025-06-30", ["talent"], [], [LabTeam, Lab], "confirmed",
                "Core team formed", "核心团队组建",
                "The lab sets up its core team on the last day of June.",
                "实验室在六月最后一天组建核心团队。",
                Cite("wire", "The lab formed a core team on June 30.", null, "¶1")),
            Event("data-deal", "2025-07-01", ["data"], [], [Lab, "startup"], "confirmed",
                "Deal with Label Startup", "与标注初创公司达成协议",
                "The lab signs the data_set contract with Label Startup.",
                "实验室与标注初创公司签订数据集合同。",
                Cite("article", "实验室与一家标注公司签约。", "The lab signed with a labelling company.", "¶3")),
            Event("eve-joins-team", "2025-07-10", ["talent"], ["eve-sun"], [LabTeam], "reported",
                "Eve Sun joins the core team", "孙怡加入核心团队",
                "Eve Sun moves to the core team.",
                "孙怡调入核心团队。",
                Cite("article", "孙怡加入核心团队。", "Eve Sun joined the core team.", "¶4")),
            Event("label-complaints", "2025-08-20", ["data", "safety"], [], ["startup"], "denied",
                "Complaints about label quality", "标注质量遭投诉",
                "Researchers say 50% of a data set was mislabelled.",
                "研究人员称一半的数据集标注有误。",
                Cite("article", "研究人员抱怨标注质量。", "Researchers complained about label quality.", "¶5"),
                statusNote: "Label Startup denies it."),
            Event("ann-lee-leaves", "2025-08", ["talent"], ["ann-lee"], [Lab, "rival"], "disputed",
                "Ann Lee leaves for Rival AI", "李安离开前沿实验室",
                "Ann Lee returns to Rival AI after two months.",
                "李安在两个月后回到对手公司。",
                Cite("article", "李安离开了实验室，回到老东家。", "Ann Lee left the lab and went back to her old employer.", "¶6"),
                statusNote: "Ann Lee says she has not left."),
            Event("bo-chen-leaves", "2025-08-29", ["talent"], ["bo-chen"], [Lab, "startup"], "reported",
                "Bo Chen leaves for Label Startup", "陈博离开前沿实验室",
                "Bo Chen departs on 29 August to join Label Startup.",
                "陈博于8月29日离职，加入标注初创公司。",
                Cite("article", "陈博在周五递交了辞呈。", "Bo Chen handed in his resignation on Friday.", "¶7"),
                Cite("wire", "Bo Chen has left the lab.", null, "¶2")),
            Event("safety-review", "2025-09-01", ["safety"], [], [Lab], "reported",
                "Safety review begins", "安全审查启动",
                "An outside safety review of the lab's models starts.",
                "外部机构开始审查实验室模型的安全性。",
                Cite("article", "安全审查于九月初开始。", "The safety review began in early September.", "¶8")),
            Event("policy-update", "2025-10", ["safety", "talent"], ["fay-wu", "gus-ma"], [LabTeam], "reported",
                "New safety policy for staff", "员工安全新政策",
                "Fay Wu and Gus Ma draft the lab's staff safety policy.",
                "吴菲和马格起草了员工安全政策。",
                Cite("article", "十月发布了新政策。", "A new policy was published in October.", "¶9")),
        ],
        Figures =
        [
            new()
            {
                Slug = "article-departures-3", Label = "Departures from the lab (as reported)", Value = 3, Unit = "count",
                Measures = "People who left the lab in August", Metric = "departures", Organization = Lab, AsOf = "2025-08",
                Status = "reported", Citations = [Cite("article", "八月有三人离开。", "Three people left in August.", "¶6")],
            },
        ],
    };

    /// <summary>
    /// The article's archived text: every quote of the fixture stands in it, in the paragraph its citation names (¶n). The
    /// text itself is not searched (the timeline searches titles, summaries and citations), so it changes no search test.
    /// </summary>
    public static readonly string[] ArticleText =
    [
        "前沿实验室于今年成立。李安曾在实验室工作。陈博曾在实验室工作。蔡文曾在实验室工作。何丹曾在实验室工作。孙怡曾在实验室工作。吴菲曾在实验室工作。马格曾在实验室工作。任职记录。",
        "第三季度招聘了500名工程师。",
        "实验室与一家标注公司签约。",
        "孙怡加入核心团队。",
        "研究人员抱怨标注质量。",
        "李安离开了实验室，回到老东家。八月有三人离开。",
        "陈博在周五递交了辞呈。",
        "安全审查于九月初开始。",
        "十月发布了新政策。",
        "明年初的计划。",
    ];

    private static PersonDto Person(string slug, string name, string nativeName) => new()
    {
        Slug = slug, Name = name, NativeName = nativeName, Kind = "staff",
        Citations = [Cite("article", $"{nativeName}曾在实验室工作。", $"{name} worked at the lab.", "¶1")],
    };

    private static TenureDto Tenure(string slug, string person, string organization, string? start, string? end, string? cameFrom, string? wentTo) => new()
    {
        Slug = slug, Person = person, Organization = organization, Start = start, End = end, CameFrom = cameFrom, WentTo = wentTo,
        Status = "reported", Citations = [Cite("article", "任职记录。", "Tenure record.", "¶1")],
    };

    private static EventDto Event(
        string slug, string date, string[] themes, string[] people, string[] organizations, string status,
        string titleEn, string titleZh, string summaryEn, string summaryZh, CitationDto citation, CitationDto? second = null,
        string? statusNote = null) => new()
    {
        Slug = slug, Date = date, Themes = [.. themes], TitleEn = titleEn, TitleZh = titleZh, SummaryEn = summaryEn, SummaryZh = summaryZh,
        People = [.. people.Select(p => new EventPersonDto { Person = p })],
        Organizations = [.. organizations.Select(o => new EventOrganizationDto { Organization = o })],
        Status = status, StatusNote = statusNote,
        Citations = second is null ? [citation] : [citation, second],
    };

    /// <summary>A quote of the article (found in <see cref="ArticleText"/>, in paragraph <paramref name="locator"/>) or a report of the wire.</summary>
    private static CitationDto Cite(string source, string quote, string? quoteEn, string locator) => source == "article"
        ? new() { Kind = "quote", Source = source, Quote = quote, QuoteEn = quoteEn, Locator = locator }
        : new() { Kind = "report", Source = source, Quote = quote };
}
