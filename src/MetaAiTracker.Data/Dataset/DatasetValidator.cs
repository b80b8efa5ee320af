using System.Text.RegularExpressions;
using MetaAiTracker.Core.Domain;

namespace MetaAiTracker.Data.Dataset;

/// <summary>
/// Checks a whole dataset document and reports every problem with its JSON path. Nothing is written by
/// validation; the loader only writes a document with no problems.
/// </summary>
public static partial class DatasetValidator
{
    [GeneratedRegex(@"\A[a-z0-9]+(-[a-z0-9]+)*\z")]
    private static partial Regex SlugPattern();

    [GeneratedRegex(@"\A#[0-9A-Fa-f]{6}\z")]
    private static partial Regex ColorPattern();

    /// <summary>Most paragraphs an archived text may have.</summary>
    public const int MaxParagraphs = 10_000;

    /// <summary>Longest paragraph of an archived text, in characters.</summary>
    public const int MaxParagraphLength = 20_000;

    /// <summary>
    /// Most problems one check lists; past it they are only counted, and a last problem at <c>$</c> says how many more
    /// there are. A file that is wrong everywhere costs the same as one that is wrong a thousand times.
    /// </summary>
    public const int MaxProblems = 1_000;

    /// <param name="document">The document to check.</param>
    /// <param name="maxListed">Most problems to list (the store's own checks, bounded by its size, may list all).</param>
    public static IReadOnlyList<DatasetProblem> Validate(DatasetDocument document, int maxListed = MaxProblems)
    {
        var v = new Run(maxListed);
        v.Check(document);
        if (v.Unlisted > 0)
        {
            v.Problems.Add(new DatasetProblem("$", $"and {v.Unlisted:N0} more problems, not listed: mend these first"));
        }

        return v.Problems;
    }

    private sealed class Run(int maxListed)
    {
        public List<DatasetProblem> Problems { get; } = [];

        /// <summary>Problems found past the most to list: counted, not kept.</summary>
        public int Unlisted { get; private set; }

        private HashSet<string> _themes = [];
        private HashSet<string> _sources = [];
        private HashSet<string> _organizations = [];
        private HashSet<string> _people = [];
        private HashSet<string> _events = [];
        private CitedSources _cited = CitedSources.Of(null);

        private void Add(string path, string message)
        {
            if (Problems.Count < maxListed)
            {
                Problems.Add(new DatasetProblem(path, message));
            }
            else
            {
                Unlisted++;
            }
        }

        public void Check(DatasetDocument d)
        {
            if (d.SchemaVersion is null)
            {
                Add("$.schemaVersion", "required; this version of the tracker reads schemaVersion " + DatasetReader.SupportedSchemaVersion);
            }
            else if (d.SchemaVersion != DatasetReader.SupportedSchemaVersion)
            {
                Add("$.schemaVersion", d.SchemaVersion == DatasetUpgrade.Version1
                    ? $"schema version 1 is read by upgrading it first (DatasetReader); this check is of version {DatasetReader.SupportedSchemaVersion}"
                    : $"unsupported schema version {d.SchemaVersion}; this version of the tracker reads {DatasetReader.SupportedSchemaVersion} (and upgrades 1)");
            }

            _themes = Slugs("$.themes", d.Themes, t => t.Slug);
            _sources = Slugs("$.sources", d.Sources, s => s.Slug);
            _cited = CitedSources.Of(d.Sources);
            _organizations = Slugs("$.organizations", d.Organizations, o => o.Slug);
            _people = Slugs("$.people", d.People, p => p.Slug);
            _events = Slugs("$.events", d.Events, e => e.Slug);
            Slugs("$.tenures", d.Tenures, t => t.Slug);
            Slugs("$.figures", d.Figures, f => f.Slug);

            Each("$.themes", d.Themes, CheckTheme);
            Each("$.sources", d.Sources, CheckSource);
            Each("$.organizations", d.Organizations, CheckOrganization);
            CheckParentCycles(d.Organizations);
            Each("$.people", d.People, CheckPerson);
            Each("$.tenures", d.Tenures, CheckTenure);
            Each("$.events", d.Events, CheckEvent);
            Each("$.figures", d.Figures, CheckFigure);
        }

        private HashSet<string> Slugs<T>(string path, List<T>? items, Func<T, string?> slug) where T : class
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            if (items is null)
            {
                return seen;
            }

            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is not { } item)
                {
                    continue;
                }

                var s = slug(item);
                var at = $"{path}[{i}].slug";
                if (string.IsNullOrWhiteSpace(s))
                {
                    Add(at, "required");
                }
                else if (s.Length > 80 || !SlugPattern().IsMatch(s))
                {
                    Add(at, $"'{Excerpt.Of(s)}' is not a slug (lowercase letters, digits and single hyphens, at most 80 characters)");
                }
                else if (!seen.Add(s))
                {
                    Add(at, $"duplicate slug '{Excerpt.Of(s)}'");
                }
            }

            return seen;
        }

        private void Each<T>(string path, List<T>? items, Action<string, T> check) where T : class
        {
            if (items is null)
            {
                return;
            }

            for (var i = 0; i < items.Count; i++)
            {
                var at = $"{path}[{i}]";
                if (items[i] is null)
                {
                    Add(at, "must be an object, not null");
                    continue;
                }

                check(at, items[i]);
            }
        }

        private void Required(string path, string? value, int maxLength = 4000)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Add(path, "required");
            }
            else if (value.Length > maxLength)
            {
                Add(path, $"too long ({value.Length} characters; at most {maxLength})");
            }
        }

        private void Optional(string path, string? value, int maxLength = 4000)
        {
            if (value is not null && value.Length > maxLength)
            {
                Add(path, $"too long ({value.Length} characters; at most {maxLength})");
            }
        }

        private PartialDate? Date(string path, string? text, bool required)
        {
            if (text is null)
            {
                if (required)
                {
                    Add(path, "required (YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD)");
                }

                return null;
            }

            if (PartialDate.TryParse(text, out var date, out var error))
            {
                return date;
            }

            Add(path, error);
            return null;
        }

        private void Reference(string path, string? slug, HashSet<string> known, string what, bool required)
        {
            if (slug is null)
            {
                if (required)
                {
                    Add(path, $"required ({what} slug)");
                }

                return;
            }

            if (!known.Contains(slug))
            {
                Add(path, $"unknown {what} '{Excerpt.Of(slug)}'");
            }
        }

        private void Enum<T>(string path, string? text, bool required) where T : struct, System.Enum
        {
            if (text is null)
            {
                if (required)
                {
                    Add(path, $"required (one of: {EnumText.Allowed<T>()})");
                }

                return;
            }

            if (!EnumText.TryParse<T>(text, out _))
            {
                Add(path, $"'{Excerpt.Of(text)}' is not one of: {EnumText.Allowed<T>()}");
            }
        }

        private void Status(string path, string? status, string? note)
        {
            Enum<ClaimStatus>(path + ".status", status, required: true);
            if (EnumText.TryParse<ClaimStatus>(status, out var s) && s is ClaimStatus.Disputed or ClaimStatus.Denied && string.IsNullOrWhiteSpace(note))
            {
                Add(path + ".statusNote", $"required when the status is {EnumText.ToText(s)}: say who disputes or denies it");
            }

            Optional(path + ".statusNote", note);
        }

        private void Citations(string path, List<CitationDto>? citations)
        {
            if (citations is null || citations.Count == 0)
            {
                Add(path + ".citations", "at least one citation is required: every fact cites its source");
                return;
            }

            for (var i = 0; i < citations.Count; i++)
            {
                var at = $"{path}.citations[{i}]";
                var c = citations[i];
                if (c is null)
                {
                    Add(at, "must be an object, not null");
                    continue;
                }

                Enum<CitationKind>(at + ".kind", c.Kind, required: true);
                Reference(at + ".source", c.Source, _sources, "source", required: true);
                Required(at + ".quote", c.Quote);
                Optional(at + ".quoteEn", c.QuoteEn);
                Optional(at + ".locator", c.Locator, 100);
                if (c.Locator is null || c.Locator.Length <= 100)
                {
                    foreach (var problem in _cited.Check(at, c))
                    {
                        Add(problem.Path, problem.Message);
                    }
                }
            }
        }

        private void CheckTheme(string at, ThemeDto t)
        {
            Required(at + ".nameEn", t.NameEn, 200);
            Required(at + ".nameZh", t.NameZh, 200);
            if (t.Color is null || !ColorPattern().IsMatch(t.Color))
            {
                Add(at + ".color", $"'{Excerpt.Of(t.Color)}' is not a colour (#RRGGBB)");
            }

            Optional(at + ".description", t.Description);
        }

        private void CheckSource(string at, SourceDto s)
        {
            Enum<SourceKind>(at + ".kind", s.Kind, required: true);
            Required(at + ".title", s.Title, 400);
            Required(at + ".publisher", s.Publisher, 200);
            Optional(at + ".via", s.Via, 200);
            Required(at + ".language", s.Language, 16);
            Date(at + ".published", s.Published, required: false);
            Date(at + ".read", s.Read, required: false);
            Optional(at + ".note", s.Note);
            if (s.Url is not null && (s.Url.Length > 2000 || !Uri.TryCreate(s.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            {
                Add(at + ".url", $"'{Excerpt.Of(s.Url)}' is not an http(s) address of at most 2000 characters");
            }

            if (s.Text is { } text)
            {
                CheckText(at + ".text", text);
            }
        }

        /// <summary>An archived text: one or more paragraphs, each one line of text.</summary>
        private void CheckText(string at, List<string?> text)
        {
            if (text.Count == 0)
            {
                Add(at, "an archived text has at least one paragraph; leave text out for a source whose text is not kept");
                return;
            }

            if (text.Count > MaxParagraphs)
            {
                Add(at, $"too many paragraphs ({text.Count}; at most {MaxParagraphs})");
                return;
            }

            for (var i = 0; i < text.Count; i++)
            {
                var paragraph = text[i];
                if (string.IsNullOrWhiteSpace(paragraph))
                {
                    Add($"{at}[{i}]", "a paragraph of text is required (an empty one has nothing to quote)");
                }
                else if (paragraph.Length > MaxParagraphLength)
                {
                    Add($"{at}[{i}]", $"too long ({paragraph.Length} characters; a paragraph is at most {MaxParagraphLength})");
                }
                else if (paragraph.AsSpan().IndexOfAny('\r', '\n') >= 0)
                {
                    Add($"{at}[{i}]", "a paragraph is one line: put each paragraph in its own string");
                }
            }
        }

        private void CheckOrganization(string at, OrganizationDto o)
        {
            Required(at + ".name", o.Name, 200);
            Optional(at + ".nameZh", o.NameZh, 200);
            Optional(at + ".shortName", o.ShortName, 200);
            Optional(at + ".description", o.Description);
            Enum<OrganizationKind>(at + ".kind", o.Kind, required: false);
            Reference(at + ".parent", o.Parent, _organizations, "organization", required: false);
            var from = Date(at + ".existedFrom", o.ExistedFrom, required: false);
            var to = Date(at + ".existedTo", o.ExistedTo, required: false);
            if (from is { } f && to is { } t && t.End < f.Start)
            {
                Add(at + ".existedTo", $"ends ({t}) before it begins ({f})");
            }
            if (o.Parent is not null && o.Parent == o.Slug)
            {
                Add(at + ".parent", "an organisation cannot be its own parent");
            }
        }

        private void CheckParentCycles(List<OrganizationDto>? organizations)
        {
            if (organizations is null)
            {
                return;
            }

            var parents = organizations.Where(o => o?.Slug is not null && o.Parent is not null && o.Parent != o.Slug)
                .GroupBy(o => o.Slug!).ToDictionary(g => g.Key, g => g.First().Parent!);
            for (var i = 0; i < organizations.Count; i++)
            {
                var slug = organizations[i]?.Slug;
                if (slug is null || !parents.ContainsKey(slug))
                {
                    continue;
                }

                var seen = new HashSet<string> { slug };
                var current = slug;
                while (parents.TryGetValue(current, out var parent))
                {
                    if (!seen.Add(parent))
                    {
                        if (parent == slug)
                        {
                            Add($"$.organizations[{i}].parent", $"parent chain of '{Excerpt.Of(slug)}' loops back to itself");
                        }

                        break;
                    }

                    current = parent;
                }
            }
        }

        private void CheckPerson(string at, PersonDto p)
        {
            Required(at + ".name", p.Name, 200);
            Optional(at + ".nativeName", p.NativeName, 200);
            Optional(at + ".bio", p.Bio);
            Enum<PersonKind>(at + ".kind", p.Kind, required: false);
            Citations(at, p.Citations);
        }

        private void CheckTenure(string at, TenureDto t)
        {
            Reference(at + ".person", t.Person, _people, "person", required: true);
            Reference(at + ".organization", t.Organization, _organizations, "organization", required: true);
            Reference(at + ".cameFrom", t.CameFrom, _organizations, "organization", required: false);
            Reference(at + ".wentTo", t.WentTo, _organizations, "organization", required: false);
            Optional(at + ".role", t.Role, 200);
            Optional(at + ".reason", t.Reason);
            var start = Date(at + ".start", t.Start, required: false);
            var end = Date(at + ".end", t.End, required: false);
            if (start is { } s && end is { } e && e.End < s.Start)
            {
                Add(at + ".end", $"ends ({e}) before it starts ({s})");
            }

            Status(at, t.Status, t.StatusNote);
            Citations(at, t.Citations);
        }

        private void CheckEvent(string at, EventDto e)
        {
            Date(at + ".date", e.Date, required: true);
            Required(at + ".titleEn", e.TitleEn, 400);
            Required(at + ".titleZh", e.TitleZh, 400);
            Required(at + ".summaryEn", e.SummaryEn);
            Required(at + ".summaryZh", e.SummaryZh);
            if (e.Themes is null || e.Themes.Count == 0)
            {
                Add(at + ".themes", "at least one theme is required");
            }
            else
            {
                var seen = new HashSet<string>();
                for (var i = 0; i < e.Themes.Count; i++)
                {
                    Reference($"{at}.themes[{i}]", e.Themes[i], _themes, "theme", required: true);
                    if (e.Themes[i] is { } th && !seen.Add(th))
                    {
                        Add($"{at}.themes[{i}]", $"theme '{Excerpt.Of(th)}' is listed twice");
                    }
                }
            }

            for (var i = 0; i < (e.People?.Count ?? 0); i++)
            {
                var p = e.People![i];
                Reference($"{at}.people[{i}].person", p?.Person, _people, "person", required: true);
                if (p is not null && e.People.Take(i).Any(x => x?.Person == p.Person))
                {
                    Add($"{at}.people[{i}].person", $"person '{Excerpt.Of(p.Person)}' is listed twice");
                }
            }

            for (var i = 0; i < (e.Organizations?.Count ?? 0); i++)
            {
                var o = e.Organizations![i];
                Reference($"{at}.organizations[{i}].organization", o?.Organization, _organizations, "organization", required: true);
                if (o is not null && e.Organizations.Take(i).Any(x => x?.Organization == o.Organization))
                {
                    Add($"{at}.organizations[{i}].organization", $"organization '{Excerpt.Of(o.Organization)}' is listed twice");
                }
            }

            if (e.Importance is { } imp && imp is < 1 or > 5)
            {
                Add(at + ".importance", $"{imp} is out of range (1 to 5)");
            }

            Status(at, e.Status, e.StatusNote);
            Citations(at, e.Citations);
        }

        private void CheckFigure(string at, FigureDto f)
        {
            Required(at + ".label", f.Label, 400);
            Required(at + ".measures", f.Measures);
            if (f.Value is null)
            {
                Add(at + ".value", "required (a number)");
            }

            if (f.Value is { } lo && f.ValueHigh is { } hi && hi < lo)
            {
                Add(at + ".valueHigh", $"the upper bound {hi} is below the value {lo}");
            }

            Enum<FigureUnit>(at + ".unit", f.Unit, required: true);
            Enum<FigureScale>(at + ".scale", f.Scale, required: false);
            Date(at + ".asOf", f.AsOf, required: false);
            Optional(at + ".period", f.Period, 200);
            Optional(at + ".note", f.Note);
            if (f.Metric is not null && !SlugPattern().IsMatch(f.Metric))
            {
                Add(at + ".metric", $"'{Excerpt.Of(f.Metric)}' is not a metric key (lowercase letters, digits and hyphens)");
            }

            Reference(at + ".organization", f.Organization, _organizations, "organization", required: false);
            Reference(at + ".event", f.Event, _events, "event", required: false);
            Status(at, f.Status, f.StatusNote);
            Citations(at, f.Citations);
        }
    }
}
