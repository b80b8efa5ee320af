using System.Globalization;
using System.Text.RegularExpressions;
using MetaAiTracker.Data.Dataset;
using MetaAiTracker.Tests.Shared;

namespace MetaAiTracker.Data.Tests;

/// <summary>
/// Every quote of the shipped dataset is copied character for character from its source (docs/dataset-format.md):
/// the article with its emphasis underscores removed, or public-reporting.md with its Markdown emphasis removed.
/// Needs the shared files beside the repository; reports itself skipped without them.
/// </summary>
public sealed partial class VerbatimQuoteTests
{
    [GeneratedRegex(@"^¶(\d+)$")]
    private static partial Regex ArticleLocator();

    [GeneratedRegex(@"^public-reporting\.md line (\d+)$")]
    private static partial Regex ReportingLocator();

    /// <summary>The article as quotes copy it: without the <c>_emphasis_</c> underscores.</summary>
    private static string ArticleText() => File.ReadAllText(SharedFiles.ArticlePath!).Replace("_", "", StringComparison.Ordinal);

    /// <summary>public-reporting.md as quotes copy it: without <c>**bold**</c> and <c>*italic*</c> markers.</summary>
    private static string ReportingText() => File.ReadAllText(SharedFiles.PublicReportingPath!)
        .Replace("**", "", StringComparison.Ordinal).Replace("*", "", StringComparison.Ordinal);

    [RequiresSharedFilesFact]
    public void Article_quotes_are_verbatim_substrings_of_the_article_without_the_citation_marker()
    {
        var article = ArticleText();
        var quotes = Citations().Where(c => c.Source.IsPrimary).ToList();

        var offending = quotes
            .Where(c => !article.Contains(c.Quote, StringComparison.Ordinal) || c.Quote.EndsWith('1'))
            .Select(c => c.Describe(c.Quote.EndsWith('1') ? "ends with the article's citation marker 1" : "not in the article"))
            .ToList();

        Assert.NotEmpty(quotes);
        Assert.True(offending.Count == 0, $"{offending.Count} article quote(s) are not verbatim:\n" + string.Join('\n', offending));
    }

    [RequiresSharedFilesFact]
    public void Public_reporting_quotes_are_verbatim_substrings_of_public_reporting_md()
    {
        var reporting = ReportingText();
        var quotes = Citations().Where(c => !c.Source.IsPrimary).ToList();

        var offending = quotes
            .Where(c => !reporting.Contains(c.Quote, StringComparison.Ordinal))
            .Select(c => c.Describe("not in public-reporting.md"))
            .ToList();

        Assert.NotEmpty(quotes);
        Assert.True(offending.Count == 0, $"{offending.Count} public-reporting quote(s) are not verbatim:\n" + string.Join('\n', offending));
    }

    [RequiresSharedFilesFact]
    public void Locators_name_the_line_the_quote_stands_on()
    {
        var articleLines = ArticleText().Split('\n');
        var reportingLines = ReportingText().Split('\n');

        var offending = new List<string>();
        foreach (var c in Citations())
        {
            var (pattern, lines) = c.Source.IsPrimary ? (ArticleLocator(), articleLines) : (ReportingLocator(), reportingLines);
            var match = pattern.Match(c.Citation.Locator ?? "");
            if (!match.Success)
            {
                offending.Add(c.Describe($"locator '{c.Citation.Locator}' is not of the form {pattern}"));
                continue;
            }

            var line = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            if (line < 1 || line > lines.Length || !lines[line - 1].Contains(c.Quote, StringComparison.Ordinal))
            {
                offending.Add(c.Describe($"locator '{c.Citation.Locator}' does not name the line the quote stands on"));
            }
        }

        Assert.True(offending.Count == 0, $"{offending.Count} locator(s) are wrong:\n" + string.Join('\n', offending));
    }

    private static List<QuotedCitation> Citations()
    {
        var document = ShippedDataset.Read().Document!;
        var sources = document.Sources!.ToDictionary(s => s.Slug!);
        var all = new List<QuotedCitation>();

        void Add(string path, string entity, List<CitationDto>? citations)
        {
            for (var i = 0; i < (citations?.Count ?? 0); i++)
            {
                all.Add(new QuotedCitation($"{path}.citations[{i}]", entity, citations![i], sources[citations[i].Source!]));
            }
        }

        for (var i = 0; i < document.People!.Count; i++)
        {
            Add($"$.people[{i}]", $"person '{document.People[i].Slug}'", document.People[i].Citations);
        }

        for (var i = 0; i < document.Tenures!.Count; i++)
        {
            Add($"$.tenures[{i}]", $"tenure '{document.Tenures[i].Slug}'", document.Tenures[i].Citations);
        }

        for (var i = 0; i < document.Events!.Count; i++)
        {
            Add($"$.events[{i}]", $"event '{document.Events[i].Slug}'", document.Events[i].Citations);
        }

        for (var i = 0; i < document.Figures!.Count; i++)
        {
            Add($"$.figures[{i}]", $"figure '{document.Figures[i].Slug}'", document.Figures[i].Citations);
        }

        return all;
    }

    private sealed record QuotedCitation(string Path, string Entity, CitationDto Citation, SourceDto Source)
    {
        public string Quote => Citation.Quote ?? "";

        public string Describe(string problem) => $"  {Entity} {Path} ({Source.Slug}): {problem}: \"{Quote}\"";
    }
}
