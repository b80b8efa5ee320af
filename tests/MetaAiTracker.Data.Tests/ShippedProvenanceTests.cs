using System.Text;
using System.Text.RegularExpressions;
using MetaAiTracker.Core.Domain;
using MetaAiTracker.Data.Dataset;
using MetaAiTracker.Tests.Shared;

namespace MetaAiTracker.Data.Tests;

/// <summary>
/// The shipped dataset keeps its promise: a quote is the exact words of the archived article at the place its locator names,
/// everything else is a report of an addressed source, the tracker's own prose puts only archived words in quotation marks,
/// and nothing names a file of ours. The checks against the files beside the repository (the article as received, the
/// sources register) report themselves skipped where those files are not on the machine; every other check always runs.
/// </summary>
public sealed partial class ShippedProvenanceTests
{
    private static readonly DatasetDocument Shipped = ShippedDataset.Read().Document!;

    private static readonly Dictionary<string, SourceDto> Sources = Shipped.Sources!.ToDictionary(s => s.Slug!, StringComparer.Ordinal);

    [Fact]
    public void Every_quote_is_the_words_of_its_sources_archived_text_at_its_locator()
    {
        var quotes = Cited().Where(c => c.Citation.Kind == "quote").ToList();

        var wrong = new List<string>();
        foreach (var c in quotes)
        {
            var source = Sources[c.Citation.Source!];
            if (source.Text is null)
            {
                wrong.Add($"{c.Path}: source '{source.Slug}' has no archived text");
                continue;
            }

            var at = QuoteLocator.Parse(c.Citation.Locator!);
            var words = new SourceText(source.Text!.Select(p => p!).ToList()).At(at);
            if (words != c.Citation.Quote)
            {
                wrong.Add($"{c.Path}: at {at} the text says \"{words}\", not \"{c.Citation.Quote}\"");
            }
        }

        Assert.True(quotes.Count >= 70, $"only {quotes.Count} quotes");
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public void Only_the_article_is_archived_and_every_other_source_is_reported_from_its_https_address()
    {
        var archived = Shipped.Sources!.Where(s => s.Text is not null).Select(s => s.Slug).ToList();
        Assert.Equal(["article-zh"], archived);

        var secondary = Shipped.Sources!.Where(s => !s.IsPrimary).ToList();
        Assert.True(secondary.Count >= 17, $"only {secondary.Count} secondary sources");
        Assert.All(secondary, s => Assert.True(s.Url is not null && s.Url.StartsWith("https://", StringComparison.Ordinal) && Uri.IsWellFormedUriString(s.Url, UriKind.Absolute),
            $"source '{s.Slug}' has no https address: {s.Url}"));
        Assert.All(secondary, s => Assert.NotEqual("article", s.Kind));

        var reports = Cited().Where(c => c.Citation.Kind == "report").ToList();
        Assert.True(reports.Count >= 87, $"only {reports.Count} reports");
        Assert.All(reports, r => Assert.StartsWith("https://", Sources[r.Citation.Source!].Url!, StringComparison.Ordinal));
        Assert.All(reports, r => Assert.Null(r.Citation.Locator));
    }

    [Fact]
    public void No_citation_presents_the_trackers_own_words_as_a_quote()
    {
        var offending = Cited()
            .Where(c => (Sources[c.Citation.Source!].Text is null && c.Citation.Kind != "report")
                        || (c.Citation.Kind == "report" && QuotationMark().IsMatch(c.Citation.Quote!)))
            .Select(c => $"{c.Path} ({c.Citation.Source}): {c.Citation.Quote}")
            .ToList();

        Assert.True(offending.Count == 0, "paraphrase shown as a quote, or a report with quotation marks:\n" + string.Join('\n', offending));
    }

    [Fact]
    public void Quotation_marks_in_the_trackers_own_prose_hold_only_words_of_the_archived_text()
    {
        var article = string.Join('\n', Sources["article-zh"].Text!);
        var offending = new List<string>();
        foreach (var (path, text) in Prose())
        {
            foreach (Match quoted in Quoted().Matches(text))
            {
                var inner = quoted.Groups.Cast<Group>().Skip(1).First(g => g.Success).Value;
                if (!article.Contains(inner, StringComparison.Ordinal))
                {
                    offending.Add($"{path}: {quoted.Value}");
                }
            }

            // Straight double quotes and unpaired marks have no place in prose at all.
            if (text.Contains('"', StringComparison.Ordinal))
            {
                offending.Add($"{path}: a straight double quote");
            }
        }

        Assert.True(offending.Count == 0, "quoted words that are not the article's:\n" + string.Join('\n', offending));
    }

    [Fact]
    public void The_shipped_dataset_names_no_file_of_ours()
    {
        var json = Encoding.UTF8.GetString(ShippedDataset.ReadBytes());

        Assert.DoesNotMatch(OurFiles(), json);
    }

    [Fact]
    public void Disputes_and_denials_keep_the_partys_own_account_as_a_report()
    {
        var events = Shipped.Events!.ToDictionary(e => e.Slug!, StringComparer.Ordinal);

        var mayer = events["ruben-mayer-leaves-msl"];
        Assert.Equal("disputed", mayer.Status);
        Assert.Contains(mayer.Citations!, c => c.Kind == "report" && c.Quote!.Contains("personal reasons", StringComparison.Ordinal));
        Assert.Contains("personal reasons", mayer.StatusNote, StringComparison.Ordinal);

        var quality = events["scale-ai-data-quality-complaints"];
        Assert.Equal("denied", quality.Status);
        Assert.Contains(quality.Citations!, c => c.Kind == "report" && c.Quote!.StartsWith("Meta denied", StringComparison.Ordinal));

        var attrition = events["article-attrition-64-claim"];
        Assert.Equal("disputed", attrition.Status);
        Assert.Contains(attrition.Citations!, c => c.Kind == "quote" && c.Quote!.Contains("64%", StringComparison.Ordinal));
        Assert.Contains(attrition.Citations!, c => c.Kind == "report" && c.Quote!.Contains("64% at Meta", StringComparison.Ordinal));
    }

    [RequiresSharedFilesFact]
    public void The_archived_article_is_the_received_text_without_its_emphasis_and_its_citation_markers()
    {
        var received = File.ReadAllText(SharedFiles.ArticlePath!, Encoding.UTF8).TrimEnd('\n').Split('\n');
        var archived = Sources["article-zh"].Text!;

        Assert.Equal(received.Length, archived.Count);
        var markers = 0;
        for (var i = 0; i < received.Length; i++)
        {
            var withoutEmphasis = received[i].Replace("_", "", StringComparison.Ordinal);
            markers += CitationMarker().Matches(withoutEmphasis).Count;
            Assert.Equal(CitationMarker().Replace(withoutEmphasis, ""), archived[i]);
        }

        Assert.Equal(9, markers); // "…行动1。", "…Behemoth1。": the source's README calls the trailing 1 a citation marker
        Assert.DoesNotContain(archived, p => p!.Contains('_', StringComparison.Ordinal));
    }

    [RequiresSharedFilesFact]
    public void Every_secondary_address_is_one_the_sources_register_gives()
    {
        var register = File.ReadAllText(SharedFiles.RegisterPath!, Encoding.UTF8);

        var unknown = Shipped.Sources!.Where(s => s.Url is not null && !register.Contains(s.Url, StringComparison.Ordinal)).Select(s => $"{s.Slug}: {s.Url}").ToList();

        Assert.True(unknown.Count == 0, "addresses not in the register:\n" + string.Join('\n', unknown));
    }

    /// <summary>Every citation of the shipped dataset with its JSON path.</summary>
    internal static IEnumerable<(string Path, CitationDto Citation)> Cited()
    {
        IEnumerable<(string, CitationDto)> Of(string collection, int index, List<CitationDto>? citations) =>
            (citations ?? []).Select((c, i) => ($"$.{collection}[{index}].citations[{i}]", c));

        return Shipped.People!.SelectMany((p, i) => Of("people", i, p.Citations))
            .Concat(Shipped.Tenures!.SelectMany((t, i) => Of("tenures", i, t.Citations)))
            .Concat(Shipped.Events!.SelectMany((e, i) => Of("events", i, e.Citations)))
            .Concat(Shipped.Figures!.SelectMany((f, i) => Of("figures", i, f.Citations)));
    }

    /// <summary>The tracker's own words: everything but the quotes, their renderings and the titles sources give themselves.</summary>
    private static IEnumerable<(string Path, string Text)> Prose()
    {
        IEnumerable<(string, string)> Fields(string path, params string?[] texts) =>
            texts.Where(t => t is not null).Select(t => (path, t!));

        return Shipped.Events!.SelectMany((e, i) => Fields($"$.events[{i}]", e.TitleEn, e.TitleZh, e.SummaryEn, e.SummaryZh, e.StatusNote))
            .Concat(Shipped.People!.SelectMany((p, i) => Fields($"$.people[{i}]", p.Bio)))
            .Concat(Shipped.Tenures!.SelectMany((t, i) => Fields($"$.tenures[{i}]", t.Role, t.Reason, t.StatusNote)))
            .Concat(Shipped.Figures!.SelectMany((f, i) => Fields($"$.figures[{i}]", f.Label, f.Measures, f.Note, f.StatusNote)))
            .Concat(Shipped.Organizations!.SelectMany((o, i) => Fields($"$.organizations[{i}]", o.Description)))
            .Concat(Shipped.Sources!.SelectMany((s, i) => Fields($"$.sources[{i}]", s.Note)))
            .Concat(Cited().Where(c => c.Citation.Kind == "report").Select(c => (c.Path, c.Citation.Quote!)));
    }

    // “…”, 「…」, 『…』, «…» and ‘…’ (a single quote only when it opens after a space or at the start, so an apostrophe is not one).
    [GeneratedRegex(@"“([^”]*)”|「([^」]*)」|『([^』]*)』|«([^»]*)»|(?:^|(?<=\s))['‘]([^'’]+)['’](?=[\s.,;:)]|$)")]
    private static partial Regex Quoted();

    [GeneratedRegex("[\"“”「」『』«»]")]
    private static partial Regex QuotationMark();

    /// <summary>The article's own citation marker: a 1 after a non-digit, before the full stop.</summary>
    [GeneratedRegex(@"(?<=\D)1(?=。)")]
    private static partial Regex CitationMarker();

    [GeneratedRegex(@"\.md\b|shared/|(?<!api/)docs/|public-reporting|sources-register|meta-ai-turmoil|\.zh\.txt", RegexOptions.IgnoreCase)]
    private static partial Regex OurFiles();
}
