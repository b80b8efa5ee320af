using MetaAiTracker.Core.Domain;

namespace MetaAiTracker.Data.Dataset;

/// <summary>
/// The sources of a document as its citations are checked against them: each one's archived text (if any) and whether it
/// has an address. One place for the two rules of provenance (docs/data-model.md, "Quotes and reports"): a quote is the
/// exact words of an archived text, found there, and its locator is derived from where they stand; a report is the
/// tracker's own sentence and cites a source by its address.
/// </summary>
public sealed class CitedSources
{
    private readonly Dictionary<string, (SourceText? Text, bool HasAddress)> _bySlug;

    private CitedSources(Dictionary<string, (SourceText?, bool)> bySlug) => _bySlug = bySlug;

    public static CitedSources Of(IEnumerable<SourceDto?>? sources)
    {
        var bySlug = new Dictionary<string, (SourceText?, bool)>(StringComparer.Ordinal);
        foreach (var s in sources ?? [])
        {
            if (s?.Slug is { } slug && !bySlug.ContainsKey(slug))
            {
                bySlug[slug] = (TextOf(s), !string.IsNullOrWhiteSpace(s.Url));
            }
        }

        return new CitedSources(bySlug);
    }

    /// <summary>A source's archived text as the rules read it: its paragraphs, or null when it has none.</summary>
    public static SourceText? TextOf(SourceDto source) =>
        source.Text is { Count: > 0 } text ? new SourceText(text.Select(p => p ?? string.Empty).ToList()) : null;

    /// <summary>The archived text of source <paramref name="slug"/>, or null (no such source, or no text).</summary>
    public SourceText? Text(string slug) => _bySlug.TryGetValue(slug, out var s) ? s.Text : null;

    /// <summary>
    /// What is wrong with citation <paramref name="c"/> at path <paramref name="at"/> as a quote or a report (the source
    /// reference itself, the kind and the lengths are the validator's). Nothing when the source is unknown: that is
    /// reported once, as an unknown reference.
    /// </summary>
    public IEnumerable<DatasetProblem> Check(string at, CitationDto c)
    {
        if (!EnumText.TryParse<CitationKind>(c.Kind, out var kind) || c.Source is null || !_bySlug.TryGetValue(c.Source, out var source))
        {
            yield break;
        }

        if (kind == CitationKind.Report)
        {
            if (c.Locator is not null)
            {
                yield return new(at + ".locator", "a report has no locator: only a quote stands at a place in an archived text");
            }

            if (c.QuoteEn is not null)
            {
                yield return new(at + ".quoteEn", "a report is the tracker's own sentence, written in English: quoteEn is only for the English rendering of a quote");
            }

            if (!source.HasAddress)
            {
                yield return new(at + ".source", $"a report needs a source with an address: source '{c.Source}' has no url");
            }

            yield break;
        }

        if (source.Text is not { } text)
        {
            yield return new(at + ".source",
                $"a quote can only cite a source whose text the store archives, and source '{c.Source}' has none: cite it as a report (kind \"report\") in the tracker's own words");
            yield break;
        }

        if (string.IsNullOrEmpty(c.Quote))
        {
            yield break; // "required", reported by the validator
        }

        if (!ReadLocator(c.Locator, out var exact, out var paragraph))
        {
            yield return new(at + ".locator", $"'{Excerpt.Of(c.Locator)}' is not a locator: ¶paragraph:start-end (¶5:23-51), ¶paragraph (¶5), or leave it out and it is found");
            yield break;
        }

        if (text.Find(c.Quote, exact, paragraph, out var error) is null)
        {
            yield return new(at + ".quote", error!);
        }
    }

    /// <summary>
    /// The citation in its stored form: the kind in its canonical spelling and, for a quote, the locator of the place its
    /// words stand (found in the text when the citation gives none or only a paragraph). Call on checked citations only.
    /// </summary>
    public CitationDto Complete(CitationDto c)
    {
        if (!EnumText.TryParse<CitationKind>(c.Kind, out var kind))
        {
            return c;
        }

        if (kind == CitationKind.Quote && c.Source is not null && Text(c.Source) is { } text && c.Quote is not null
            && ReadLocator(c.Locator, out var exact, out var paragraph) && text.Find(c.Quote, exact, paragraph, out _) is { } found)
        {
            return c with { Kind = EnumText.ToText(kind), Locator = found.ToString() };
        }

        return c with { Kind = EnumText.ToText(kind) };
    }

    /// <summary>An entity's citations, each completed (<see cref="Complete(CitationDto)"/>); null stays null.</summary>
    public List<CitationDto>? Complete(List<CitationDto>? citations) => citations?.Select(c => c is null ? c! : Complete(c)).ToList();

    /// <summary>Every citation of <paramref name="document"/> completed (<see cref="Complete(CitationDto)"/>); the document must be valid.</summary>
    public static DatasetDocument Complete(DatasetDocument document)
    {
        var sources = Of(document.Sources);
        return document with
        {
            People = document.People?.Select(p => p with { Citations = sources.Complete(p.Citations) }).ToList(),
            Tenures = document.Tenures?.Select(t => t with { Citations = sources.Complete(t.Citations) }).ToList(),
            Events = document.Events?.Select(e => e with { Citations = sources.Complete(e.Citations) }).ToList(),
            Figures = document.Figures?.Select(f => f with { Citations = sources.Complete(f.Citations) }).ToList(),
        };
    }

    private static bool ReadLocator(string? text, out QuoteLocator? exact, out int? paragraph)
    {
        exact = null;
        paragraph = null;
        if (text is null)
        {
            return true;
        }

        if (QuoteLocator.TryParse(text, out var locator))
        {
            exact = locator;
            return true;
        }

        paragraph = QuoteLocator.ParagraphHint(text);
        return paragraph is not null;
    }
}
