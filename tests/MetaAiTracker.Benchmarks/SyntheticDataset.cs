using System.Globalization;
using MetaAiTracker.Data.Dataset;

namespace MetaAiTracker.Benchmarks;

/// <summary>
/// A made-up but realistic dataset in the dataset format (docs/dataset-format.md), of any size, reproducible from a
/// seed: the seven themes, sources in English and Chinese, an organisation tree around Meta and its rivals, people
/// (many with Chinese names) holding tenures, events with 1–3 themes, people and organisations, dated at every
/// precision (year, quarter, month, day) from 2022 to 2026, English and Chinese titles and summaries, and citations
/// quoting English and Chinese sources. Chinese text is built from a small vocabulary, so that searches for its words
/// and names hit many events, as they do in the real data. Nothing here is a real fact.
/// </summary>
/// <remarks>Shared with tests/MetaAiTracker.Core.Tests (linked), which compares the FTS5 search with LIKE on it.</remarks>
public static class SyntheticDataset
{
    public const int FirstYear = 2022;
    public const int LastYear = 2026;

    private static readonly (string Slug, string En, string Zh, string Color, string Description)[] Themes =
    [
        ("talent", "Talent", "人才", "#1565C0", "Hiring, poaching and departures of AI researchers and leaders."),
        ("data-quality", "Data quality", "数据质量", "#B45309", "The quality and sourcing of training data."),
        ("models-open-source", "Models & open source", "模型与开源", "#6A1B9A", "Models, their reception and the open-versus-closed question."),
        ("partnerships", "Partnerships", "合作", "#00695C", "Deals and tie-ups with other companies."),
        ("organization-culture", "Organisation & culture", "组织与文化", "#455A64", "Reorganisations, lab structure and workplace culture."),
        ("ethics-regulation", "Ethics & regulation", "伦理与监管", "#C62828", "Ethical scandals, content governance and regulatory risk."),
        ("capital-markets", "Capital & markets", "资本与市场", "#2E7D32", "Investment, capital expenditure and shareholders."),
    ];

    // (slug, name, Chinese name, short name, parent, kind)
    private static readonly (string Slug, string Name, string? Zh, string? Short, string? Parent, string Kind)[] CoreOrganizations =
    [
        ("meta", "Meta Platforms", "Meta", "Meta", null, "company"),
        ("msl", "Meta Superintelligence Labs", "Meta超级智能实验室", "MSL", "meta", "lab"),
        ("tbd-lab", "TBD Lab", "TBD实验室", "TBD Lab", "msl", "lab"),
        ("fair", "Fundamental AI Research", "基础人工智能研究院", "FAIR", "msl", "research"),
        ("meta-genai", "Meta GenAI", "Meta生成式人工智能团队", "GenAI", "meta", "team"),
        ("openai", "OpenAI", "OpenAI", null, null, "company"),
        ("google-deepmind", "Google DeepMind", "谷歌DeepMind", "DeepMind", null, "lab"),
        ("anthropic", "Anthropic", "Anthropic", null, null, "company"),
        ("apple", "Apple", "苹果", null, null, "company"),
        ("xai", "xAI", "xAI", null, null, "company"),
        ("scale-ai", "Scale AI", "Scale AI", null, null, "company"),
        ("microsoft", "Microsoft", "微软", null, null, "company"),
        ("thinking-machines", "Thinking Machines Lab", "思维机器实验室", null, null, "lab"),
        ("midjourney", "Midjourney", "Midjourney", null, null, "company"),
        ("signalfire", "SignalFire", "SignalFire", null, null, "research"),
    ];

    private static readonly string[] MetaTree = ["msl", "tbd-lab", "fair", "meta-genai"];
    private static readonly string[] Rivals = ["openai", "google-deepmind", "anthropic", "apple", "xai", "microsoft", "thinking-machines"];

    private static readonly (string En, string Zh)[] Surnames =
    [
        ("Wang", "王"), ("Li", "李"), ("Zhang", "张"), ("Liu", "刘"), ("Chen", "陈"), ("Yang", "杨"), ("Zhao", "赵"),
        ("Huang", "黄"), ("Zhou", "周"), ("Wu", "吴"), ("Xu", "徐"), ("Sun", "孙"), ("Pang", "庞"), ("Zhu", "朱"), ("Gao", "高"),
    ];

    private static readonly (string En, string Zh)[] GivenNames =
    [
        ("Hao", "浩"), ("Ming", "明"), ("Wei", "伟"), ("Jie", "杰"), ("Lei", "磊"), ("Jun", "军"), ("Yang", "洋"), ("Yu", "宇"),
        ("Xin", "欣"), ("Ting", "婷"), ("Ruo", "若"), ("Tao", "涛"), ("Fang", "芳"), ("Hui", "慧"), ("Bo", "博"), ("Ran", "然"),
    ];

    private static readonly string[] FirstNames =
    [
        "Alex", "Ruben", "Nat", "Shengjia", "Daniel", "Maria", "Priya", "Jonas", "Elena", "Omar", "Sofia", "Lucas", "Hannah",
        "Mateo", "Aisha", "Noah", "Grace", "Ivan", "Chloe", "Samuel", "Yara", "Felix", "Nina", "Tom",
    ];

    private static readonly string[] LastNames =
    [
        "Mayer", "Friedman", "Gross", "Silva", "Kowalski", "Okafor", "Nguyen", "Schmidt", "Rossi", "Haddad", "Petrov", "Larsen",
        "Moreau", "Tanaka", "Fischer", "Costa", "Novak", "Brennan", "Dubois", "Iyer",
    ];

    private static readonly (string En, string Zh)[] Roles =
    [
        ("research scientist", "研究科学家"), ("engineer", "工程师"), ("chief scientist", "首席科学家"), ("product lead", "产品负责人"),
        ("head of infrastructure", "基础设施负责人"), ("researcher", "研究员"),
    ];

    private static readonly string[] StartupStems = ["Nova", "Quanta", "Helix", "Lumen", "Vector", "Cobalt", "Aurora", "Pioneer", "Atlas", "Sable", "Orbit", "Cinder"];
    private static readonly string[] StartupZh = ["新星", "量子", "螺旋", "流明", "向量", "钴蓝", "极光", "先锋", "阿特拉斯", "黑貂", "轨道", "余烬"];
    private static readonly string[] StartupSuffix = ["AI", "Labs", "Systems", "Research"];
    private static readonly string[] ModelNames = ["Llama", "Behemoth", "Scout", "Maverick", "Avocado", "Mango"];
    private static readonly string[] Publishers = ["TechCrunch", "Reuters", "The Information", "Bloomberg", "CNBC", "The Verge", "Wired", "AP"];
    private static readonly string[] ZhPublishers = ["36氪", "机器之心", "量子位", "新智元", "财新"];

    // Chinese clauses for summaries and quotes: a small vocabulary, so that searches for these words find many events.
    private static readonly (string En, string Zh)[] Clauses =
    [
        ("according to people familiar with the matter", "据知情人士透露"),
        ("the superintelligence lab is under pressure to deliver", "超级智能实验室面临交付压力"),
        ("compensation packages reached nine figures", "薪酬方案高达九位数"),
        ("the core team was reorganised again", "核心团队再次重组"),
        ("internal documents question the labelled data", "内部文件质疑标注数据的质量"),
        ("the open-source strategy is being reconsidered", "开源策略正在被重新考虑"),
        ("investors worry about capital expenditure", "投资者担心资本开支"),
        ("regulators asked for an explanation", "监管机构要求作出解释"),
        ("the company declined to comment", "公司拒绝置评"),
        ("morale inside the lab is low", "实验室内部士气低落"),
        ("the deal is worth billions of dollars", "这笔交易价值数十亿美元"),
        ("researchers left within months", "研究人员在数月内离开"),
    ];

    public static DatasetDocument Generate(int events, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(events);
        var random = new Random(seed);
        var g = new Generator(random, events);
        return g.Build(seed);
    }

    private sealed class Generator(Random random, int eventCount)
    {
        private readonly List<SourceDto> _sources = [];
        private readonly List<OrganizationDto> _organizations = [];
        private readonly List<PersonDto> _people = [];
        private readonly List<TenureDto> _tenures = [];
        private readonly List<EventDto> _events = [];
        private readonly Dictionary<string, (string En, string Zh)> _orgNames = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string En, string? Zh)> _personNames = new(StringComparer.Ordinal);
        private readonly List<string> _staff = [];
        private readonly List<string> _publicFigures = [];
        private readonly List<string> _externalOrgs = [];
        private List<SourceDto> _enSources = [];
        private List<SourceDto> _zhSources = [];

        /// <summary>The synthetic article's archived text: each paragraph three Chinese clauses of the vocabulary, which quotes cite.</summary>
        private readonly List<(string Text, List<(string En, string Zh)> Clauses)> _article = [];

        public DatasetDocument Build(int seed)
        {
            MakeSources();
            MakeOrganizations();
            MakePeople();
            MakeEvents();
            return new DatasetDocument
            {
                SchemaVersion = DatasetReader.SupportedSchemaVersion,
                Name = string.Create(CultureInfo.InvariantCulture, $"synthetic-{eventCount}-seed-{seed}"),
                Description = "Synthetic dataset for benchmarks and load tests (SyntheticDataset.Generate). Nothing in it is a real fact.",
                Themes = Themes.Select(t => new ThemeDto { Slug = t.Slug, NameEn = t.En, NameZh = t.Zh, Color = t.Color, Description = t.Description }).ToList(),
                Sources = _sources,
                Organizations = _organizations,
                People = _people,
                Tenures = _tenures,
                Events = _events,
                Figures = MakeFigures(),
            };
        }

        private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

        private bool Chance(double p) => random.NextDouble() < p;

        private static string I(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

        /// <summary>A date at a random precision: day 55 %, month 25 %, quarter 12 %, year 8 %.</summary>
        private string Date(int fromYear = FirstYear, int toYear = LastYear)
        {
            var year = random.Next(fromYear, toYear + 1);
            var roll = random.NextDouble();
            if (roll < 0.08)
            {
                return I($"{year:D4}");
            }

            if (roll < 0.20)
            {
                return I($"{year:D4}-Q{random.Next(1, 5)}");
            }

            var month = random.Next(1, 13);
            if (roll < 0.45)
            {
                return I($"{year:D4}-{month:D2}");
            }

            var day = random.Next(1, DateTime.DaysInMonth(year, month) + 1);
            return I($"{year:D4}-{month:D2}-{day:D2}");
        }

        private void MakeSources()
        {
            for (var p = 0; p < ArticleParagraphs; p++)
            {
                var clauses = new List<(string En, string Zh)> { Pick(Clauses), Pick(Clauses), Pick(Clauses) };
                _article.Add((string.Join(",", clauses.Select(c => c.Zh)) + "。", clauses));
            }

            // The article's eighth paragraph carries the attrition claim the synthetic figure quotes.
            _article[7] = (_article[7].Text + "人才流失率高达64%。", _article[7].Clauses);
            _sources.Add(new SourceDto
            {
                Slug = "article-zh", Kind = "article", Title = "合成数据:Meta人工智能帝国危机(中文分析)", Publisher = "合成媒体", Published = "2025-09",
                Language = "zh-Hans", IsPrimary = true, Text = _article.Select(a => (string?)a.Text).ToList(),
            });
            var count = Math.Max(20, eventCount / 250);
            for (var i = 1; i < count; i++)
            {
                var zh = Chance(0.3);
                _sources.Add(new SourceDto
                {
                    Slug = I($"source-{i}"),
                    Kind = zh ? "news-report" : Pick(ReportKinds),
                    Title = zh ? I($"{Pick(ZhPublishers)}报道第{i}篇") : I($"{Pick(Publishers)} report no. {i}"),
                    Publisher = zh ? Pick(ZhPublishers) : Pick(Publishers),
                    Published = Date(),
                    Language = zh ? "zh-Hans" : "en",
                    Url = I($"https://example.org/reports/{i}"),
                    IsPrimary = false,
                });
            }

            _enSources = _sources.Where(s => s.Language == "en").ToList();
            _zhSources = _sources.Where(s => s.Language != "en" && !s.IsPrimary).ToList();
        }

        private void MakeOrganizations()
        {
            foreach (var o in CoreOrganizations)
            {
                _organizations.Add(new OrganizationDto { Slug = o.Slug, Name = o.Name, NameZh = o.Zh, ShortName = o.Short, Parent = o.Parent, Kind = o.Kind, Description = "Synthetic organisation." });
                _orgNames[o.Slug] = (o.Short ?? o.Name, o.Zh ?? o.Name);
                if (o.Parent is null && o.Slug != "meta")
                {
                    _externalOrgs.Add(o.Slug);
                }
            }

            var startups = Math.Max(10, eventCount / 500);
            for (var i = 1; i <= startups; i++)
            {
                var stem = random.Next(StartupStems.Length);
                var suffix = Pick(StartupSuffix);
                var name = I($"{StartupStems[stem]} {suffix} {i}");
                var zh = I($"{StartupZh[stem]}智能{i}");
                var slug = I($"startup-{i}");
                _organizations.Add(new OrganizationDto { Slug = slug, Name = name, NameZh = zh, Kind = Chance(0.8) ? "company" : "lab", Description = "Synthetic start-up." });
                _orgNames[slug] = (name, zh);
                _externalOrgs.Add(slug);
            }
        }

        /// <summary>
        /// A quote of the synthetic article (45%: one clause of paragraph <paramref name="paragraph"/>, whose place the loader
        /// finds) or a report of an addressed source in the tracker's words (<paramref name="en"/>; <paramref name="zh"/> is
        /// what a Chinese reader's summary would say, kept in the title and summary instead).
        /// </summary>
        private CitationDto Cite(string en, string zh, int paragraph)
        {
            _ = zh;
            if (Chance(0.45))
            {
                var (_, clauses) = _article[(paragraph - 1) % _article.Count];
                var clause = clauses[random.Next(clauses.Count)];
                return new CitationDto { Kind = "quote", Source = "article-zh", Quote = clause.Zh, QuoteEn = clause.En };
            }

            var source = Chance(0.3) && _zhSources.Count > 0 ? Pick(_zhSources) : Pick(_enSources);
            return new CitationDto { Kind = "report", Source = source.Slug, Quote = en };
        }

        private const int ArticleParagraphs = 60;

        private static readonly string[] ReportKinds = ["news-report", "wire-copy", "syndicated-copy", "summary"];

        private void MakePeople()
        {
            var count = Math.Max(40, eventCount / 5);
            for (var i = 1; i <= count; i++)
            {
                string name;
                string? native = null;
                if (Chance(0.45))
                {
                    var s = Pick(Surnames);
                    var g1 = Pick(GivenNames);
                    var two = Chance(0.5);
                    var g2 = Pick(GivenNames);
                    name = two ? I($"{s.En} {g1.En}{g2.En.ToLowerInvariant()}") : I($"{s.En} {g1.En}");
                    native = two ? s.Zh + g1.Zh + g2.Zh : s.Zh + g1.Zh;
                }
                else
                {
                    name = I($"{Pick(FirstNames)} {Pick(LastNames)}");
                }

                var slug = I($"{name.ToLowerInvariant().Replace(' ', '-')}-{i}");
                var publicFigure = Chance(0.03);
                _people.Add(new PersonDto
                {
                    Slug = slug, Name = name, NativeName = native, Kind = publicFigure ? "public-figure" : "staff",
                    Bio = publicFigure ? "A public figure (synthetic)." : "An AI researcher (synthetic).",
                    Citations = [Cite(I($"{name} is quoted in reporting on Meta's AI labs"), I($"{native ?? name}出现在关于Meta人工智能实验室的报道中"), random.Next(1, 60))],
                });
                _personNames[slug] = (name, native);
                (publicFigure ? _publicFigures : _staff).Add(slug);
                if (!publicFigure)
                {
                    MakeTenures(slug, name, native);
                }
            }
        }

        private void MakeTenures(string person, string name, string? native)
        {
            // About half the staff pass through Meta's AI labs, most of the rest through a rival or a start-up.
            var count = random.Next(1, 3);
            string? previous = Chance(0.6) ? Pick(_externalOrgs) : null;
            var year = random.Next(FirstYear, LastYear);
            for (var t = 0; t < count; t++)
            {
                var atMeta = t == 0 ? Chance(0.5) : !MetaTree.Contains(previous);
                var org = atMeta ? Pick(MetaTree) : Pick(_externalOrgs);
                if (org == previous)
                {
                    continue;
                }

                var start = Chance(0.05) ? null : Date(year, Math.Min(year + 1, LastYear));
                var startYear = start is null ? year : int.Parse(start[..4], CultureInfo.InvariantCulture);
                var leaves = Chance(atMeta ? 0.45 : 0.3) && startYear < LastYear;
                string? end = null;
                if (leaves)
                {
                    end = Date(startYear + 1, Math.Min(startYear + 2, LastYear));
                }

                var wentTo = leaves && Chance(0.7) ? Pick(Rivals.Concat(_externalOrgs.Take(5)).Where(o => o != org).ToList()) : null;
                var role = Pick(Roles);
                var status = Status(out var note);
                var orgName = _orgNames[org];
                _tenures.Add(new TenureDto
                {
                    Slug = I($"{person}-t{t}"), Person = person, Organization = org, Role = role.En, Start = start, End = end,
                    CameFrom = previous, WentTo = wentTo, Reason = leaves ? "Reported as leaving (synthetic)." : null,
                    Status = status, StatusNote = note,
                    Citations = [Cite(I($"{name} joined {orgName.En} as {role.En}"), I($"{native ?? name}加入{orgName.Zh}担任{role.Zh}"), random.Next(1, 60))],
                });
                previous = org;
                year = Math.Min(startYear + 1, LastYear - 1);
                if (leaves)
                {
                    previous = wentTo ?? org;
                }
            }
        }

        private string Status(out string? note)
        {
            var roll = random.NextDouble();
            (var status, note) = roll switch
            {
                < 0.60 => ("reported", (string?)null),
                < 0.85 => ("confirmed", null),
                < 0.95 => ("disputed", "Contradicted by another report (synthetic)."),
                _ => ("denied", "The company denies it (synthetic)."),
            };
            return status;
        }

        private void MakeEvents()
        {
            var themeSlugs = Themes.Select(t => t.Slug).ToArray();
            for (var i = 1; i <= eventCount; i++)
            {
                var themes = new List<string?> { Pick(themeSlugs) };
                var extraThemes = random.Next(0, 3);
                for (var k = 0; k < extraThemes; k++)
                {
                    var theme = Pick(themeSlugs);
                    if (!themes.Contains(theme))
                    {
                        themes.Add(theme);
                    }
                }

                var person = _staff.Count > 0 && (themes[0] == "talent" || Chance(0.5)) ? Pick(_staff) : null;
                var org = Chance(0.6) ? Pick(MetaTree) : "meta";
                var other = Pick(_externalOrgs);
                var (titleEn, titleZh) = Title(themes[0]!, person, org, other);
                var c1 = Pick(Clauses);
                var c2 = Pick(Clauses);
                var number = random.Next(2, 99);
                // A few literal "%" and "_" so that searches for them (LIKE wildcards when not escaped) have something to find.
                var extraEn = Chance(0.02) ? I($" Spending rose {number}% year on year.") : Chance(0.01) ? " The training_set was withdrawn." : string.Empty;
                var extraZh = extraEn.Length == 0 ? string.Empty : extraEn.Contains('%', StringComparison.Ordinal) ? I($"支出同比增长{number}%。") : "training_set数据集被撤回。";
                var summaryEn = I($"{titleEn}. {Capitalize(c1.En)}; {c2.En}.{extraEn}");
                var summaryZh = I($"{titleZh}。{c1.Zh},{c2.Zh}。{extraZh}");

                var people = new List<EventPersonDto>();
                if (person is not null)
                {
                    people.Add(new EventPersonDto { Person = person, Role = "subject" });
                }

                if (Chance(0.3) && _staff.Count > 1)
                {
                    var second = Pick(Chance(0.1) && _publicFigures.Count > 0 ? _publicFigures : _staff);
                    if (second != person)
                    {
                        people.Add(new EventPersonDto { Person = second, Role = "also named" });
                    }
                }

                var organizations = new List<EventOrganizationDto> { new() { Organization = org, Role = "lab concerned" } };
                if (Chance(0.5))
                {
                    organizations.Add(new EventOrganizationDto { Organization = other, Role = "counterpart" });
                }

                var citations = new List<CitationDto>();
                var citationCount = random.Next(1, 4);
                for (var k = 0; k < citationCount; k++)
                {
                    var clause = k == 0 ? c1 : Pick(Clauses);
                    citations.Add(Cite(I($"{titleEn}; {clause.En}"), I($"{titleZh},{clause.Zh}"), random.Next(1, 80)));
                }

                var status = Status(out var note);
                _events.Add(new EventDto
                {
                    Slug = I($"event-{i}"), Date = Date(), TitleEn = titleEn, TitleZh = titleZh, SummaryEn = summaryEn, SummaryZh = summaryZh,
                    Themes = themes, People = people, Organizations = organizations, Importance = random.Next(1, 6),
                    Status = status, StatusNote = note, Citations = citations,
                });
            }
        }

        private (string En, string Zh) Title(string theme, string? person, string org, string other)
        {
            var o = _orgNames[org];
            var x = _orgNames[other];
            var (pEn, pZhOrNull) = person is null ? ("A senior researcher", null) : _personNames[person];
            var pZh = pZhOrNull ?? (person is null ? "一位资深研究员" : pEn);
            var role = Pick(Roles);
            var model = Pick(ModelNames);
            var n = random.Next(2, 80);
            return (theme, random.Next(3)) switch
            {
                ("talent", 0) => (I($"{pEn} leaves {o.En} for {x.En}"), I($"{pZh}离开{o.Zh},加入{x.Zh}")),
                ("talent", 1) => (I($"{o.En} hires {pEn} from {x.En}"), I($"{o.Zh}从{x.Zh}挖来{pZh}")),
                ("talent", _) => (I($"{pEn} resigns as {role.En} at {o.En}"), I($"{pZh}辞去{o.Zh}{role.Zh}职务")),
                ("data-quality", 0) => (I($"Researchers question {x.En}'s labelled data used by {o.En}"), I($"研究人员质疑{o.Zh}使用的{x.Zh}标注数据质量")),
                ("data-quality", _) => (I($"{o.En} switches data vendors after quality complaints"), I($"{o.Zh}因数据质量投诉更换数据供应商")),
                ("models-open-source", 0) => (I($"{o.En} releases {model} {n} to a lukewarm reception"), I($"{o.Zh}发布{model} {n}模型,反响平平")),
                ("models-open-source", _) => (I($"{o.En} weighs closing the weights of {model}"), I($"{o.Zh}考虑不再开源{model}模型")),
                ("partnerships", _) => (I($"{o.En} signs a deal with {x.En}"), I($"{o.Zh}与{x.Zh}签署合作协议")),
                ("organization-culture", 0) => (I($"{o.En} reorganises its AI teams"), I($"{o.Zh}重组人工智能团队")),
                ("organization-culture", _) => (I($"{o.En} freezes hiring after a reorganisation"), I($"{o.Zh}重组后冻结招聘")),
                ("ethics-regulation", _) => (I($"Regulators probe {o.En}'s chatbot policies"), I($"监管机构调查{o.Zh}的聊天机器人政策")),
                _ => (I($"{o.En} raises capital expenditure to ${n} billion"), I($"{o.Zh}将资本开支提高至{n}0亿美元")),
            };
        }

        private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

        private List<FigureDto> MakeFigures()
        {
            var figures = new List<FigureDto>
            {
                new()
                {
                    Slug = "synthetic-attrition-rate", Label = "Talent attrition (synthetic)", Value = 64, Unit = "percent", Scale = "none",
                    Period = "two years", AsOf = "2025-09", Measures = "Share of researchers who left (synthetic)", Metric = "attrition-rate",
                    Organization = "meta", Status = "disputed", StatusNote = "Synthetic: contradicted by a retention figure.",
                    Citations = [new CitationDto { Kind = "quote", Source = "article-zh", Quote = "人才流失率高达64%", QuoteEn = "talent attrition as high as 64%", Locator = "¶8" }],
                },
            };
            for (var i = 1; i <= Math.Max(5, eventCount / 5000); i++)
            {
                figures.Add(new FigureDto
                {
                    Slug = I($"synthetic-capex-{i}"), Label = I($"Capital expenditure no. {i} (synthetic)"), Value = random.Next(10, 100),
                    Unit = "usd", Scale = "billion", AsOf = Date(), Measures = "Planned capital expenditure (synthetic)", Metric = "capex",
                    Organization = "meta", Event = _events.Count > 0 ? Pick(_events).Slug : null, Status = "reported",
                    Citations = [Cite(I($"Meta plans capital expenditure of ${i}0 billion"), I($"Meta计划资本开支{i}0亿美元"), random.Next(1, 60))],
                });
            }

            return figures;
        }
    }
}
