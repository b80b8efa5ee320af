using MetaAiTracker.Core.Domain;

namespace MetaAiTracker.Data.Dataset;

/// <summary>
/// Reads a version-1 document as version 2 (docs/dataset-format.md, "Version 1 documents"). Version 1 had no source kinds,
/// no archived texts and no citation kinds, and presented every citation as a quote. Upgrading keeps a citation a quote
/// only where its words are found in an archived text; every other citation becomes a report. What version 1 did not
/// record is taken from the store's source of the same slug when there is one (<paramref name="known"/>), else left
/// unknown (a kind is then assumed, and said). Each such decision is a note for the import preview.
/// </summary>
public static class DatasetUpgrade
{
    public const int Version1 = 1;

    /// <summary>How the note on a citation made a report begins: the import preview counts them by it.</summary>
    public const string BecameReport = "became a report";

    /// <summary>Whether <paramref name="note"/> says a version-1 citation became a report.</summary>
    public static bool IsReportNote(DatasetProblem note) => note.Message.StartsWith(BecameReport, StringComparison.Ordinal);

    /// <summary>The properties version 1 did not have: a version-1 document that uses one is refused, not guessed at.</summary>
    public static IEnumerable<DatasetProblem> Version2OnlyProperties(DatasetDocument d)
    {
        for (var i = 0; i < (d.Sources?.Count ?? 0); i++)
        {
            if (d.Sources![i] is not { } s)
            {
                continue;
            }

            foreach (var (name, value) in new (string, object?)[] { ("kind", s.Kind), ("via", s.Via), ("read", s.Read), ("note", s.Note), ("text", s.Text) })
            {
                if (value is not null)
                {
                    yield return new DatasetProblem($"$.sources[{i}].{name}", $"'{name}' is not part of schema version 1: write schemaVersion 2");
                }
            }
        }

        for (var i = 0; i < (d.Organizations?.Count ?? 0); i++)
        {
            foreach (var (name, value) in new (string, string?)[] { ("existedFrom", d.Organizations![i]?.ExistedFrom), ("existedTo", d.Organizations[i]?.ExistedTo) })
            {
                if (value is not null)
                {
                    yield return new DatasetProblem($"$.organizations[{i}].{name}", $"'{name}' is not part of schema version 1: write schemaVersion 2");
                }
            }
        }

        foreach (var (path, citations) in AllCitations(d))
        {
            for (var i = 0; i < citations.Count; i++)
            {
                if (citations[i]?.Kind is not null)
                {
                    yield return new DatasetProblem($"{path}.citations[{i}].kind", "'kind' is not part of schema version 1: write schemaVersion 2");
                }
            }
        }
    }

    /// <summary>The document as version 2, and a note for every citation made a report and every source detail assumed.</summary>
    public static (DatasetDocument Document, IReadOnlyList<DatasetProblem> Notes) FromVersion1(
        DatasetDocument v1, IReadOnlyDictionary<string, SourceDto>? known = null)
    {
        var notes = new List<DatasetProblem>();
        var sources = new List<SourceDto>();
        for (var i = 0; i < (v1.Sources?.Count ?? 0); i++)
        {
            if (v1.Sources![i] is not { } s)
            {
                sources.Add(null!);
                continue;
            }

            var stored = s.Slug is not null && known is not null && known.TryGetValue(s.Slug, out var k) ? k : null;
            var kind = stored?.Kind;
            if (kind is null)
            {
                kind = EnumText.ToText(s.IsPrimary ? SourceKind.Article : SourceKind.NewsReport);
                notes.Add(new DatasetProblem($"$.sources[{i}].kind", $"set to {kind}: version 1 did not record what kind of source it is"));
            }

            var url = s.Url;
            if (url is null && stored?.Url is { } storedUrl)
            {
                url = storedUrl;
                notes.Add(new DatasetProblem($"$.sources[{i}].url", "taken from the store's source of the same slug: version 1 did not require an address"));
            }

            if (stored?.Text is not null)
            {
                notes.Add(new DatasetProblem($"$.sources[{i}].text", "the store's archived text is kept: version 1 could not carry one"));
            }

            sources.Add(s with { Kind = kind, Url = url, Via = stored?.Via, Read = stored?.Read, Note = stored?.Note, Text = stored?.Text });
        }

        var cited = CitedSources.Of(sources);
        List<CitationDto>? Upgrade(string path, List<CitationDto>? citations)
        {
            if (citations is null)
            {
                return null;
            }

            var upgraded = new List<CitationDto>(citations.Count);
            for (var i = 0; i < citations.Count; i++)
            {
                var c = citations[i];
                if (c is null)
                {
                    upgraded.Add(c!);
                    continue;
                }

                var text = c.Source is null ? null : cited.Text(c.Source);
                var hint = QuoteLocator.ParagraphHint(c.Locator);
                if (text is not null && c.Quote is { Length: > 0 } words
                    && (text.Find(words, null, hint, out _) ?? text.Find(words, null, null, out _)) is { } at)
                {
                    upgraded.Add(c with { Kind = EnumText.ToText(CitationKind.Quote), Locator = at.ToString() });
                    continue;
                }

                notes.Add(new DatasetProblem($"{path}.citations[{i}]", text is null
                    ? $"{BecameReport}: source '{Excerpt.Of(c.Source)}' holds no archived text, so its words are the tracker's, not a quote"
                    : $"{BecameReport}: its words are not in the archived text of source '{c.Source}'"));
                upgraded.Add(c with { Kind = EnumText.ToText(CitationKind.Report), Locator = null, QuoteEn = null });
            }

            return upgraded;
        }

        var document = v1 with
        {
            SchemaVersion = DatasetReader.SupportedSchemaVersion,
            Sources = v1.Sources is null ? null : sources,
            People = v1.People?.Select((p, i) => p is null ? p! : p with { Citations = Upgrade($"$.people[{i}]", p.Citations) }).ToList(),
            Tenures = v1.Tenures?.Select((t, i) => t is null ? t! : t with { Citations = Upgrade($"$.tenures[{i}]", t.Citations) }).ToList(),
            Events = v1.Events?.Select((e, i) => e is null ? e! : e with { Citations = Upgrade($"$.events[{i}]", e.Citations) }).ToList(),
            Figures = v1.Figures?.Select((f, i) => f is null ? f! : f with { Citations = Upgrade($"$.figures[{i}]", f.Citations) }).ToList(),
        };
        return (document, notes);
    }

    private static IEnumerable<(string Path, IReadOnlyList<CitationDto?> Citations)> AllCitations(DatasetDocument d) =>
        Owners("people", d.People, p => p.Citations)
            .Concat(Owners("tenures", d.Tenures, t => t.Citations))
            .Concat(Owners("events", d.Events, e => e.Citations))
            .Concat(Owners("figures", d.Figures, f => f.Citations));

    private static IEnumerable<(string Path, IReadOnlyList<CitationDto?> Citations)> Owners<T>(
        string collection, List<T>? items, Func<T, List<CitationDto>?> citations) where T : class =>
        (items ?? []).Select((item, i) => (Path: $"$.{collection}[{i}]", Citations: item is null ? null : citations(item)))
            .Where(x => x.Citations is not null)
            .Select(x => (x.Path, (IReadOnlyList<CitationDto?>)x.Citations!));
}
