using MetaAiTracker.Core.Domain;

namespace MetaAiTracker.Web.Editing;

/// <summary>
/// A place in an archived text where the words an editor searched for stand, with a little of the text around them, and
/// the sentence they are part of (so the whole sentence can be quoted with one choice).
/// </summary>
public sealed record PassageMatch(QuoteLocator Locator, string Words, string Before, string After, string Sentence, QuoteLocator SentenceLocator)
{
    private const int Context = 30;

    /// <summary>Characters that end a sentence, in Chinese and in English.</summary>
    private static readonly char[] SentenceEnds = ['。', '！', '？', '；', '.', '!', '?', ';'];

    /// <summary>The first <paramref name="max"/> places of <paramref name="words"/> in <paramref name="text"/>, in text order.</summary>
    public static IReadOnlyList<PassageMatch> Find(SourceText text, string words, int max)
    {
        var found = new List<PassageMatch>();
        if (string.IsNullOrEmpty(words))
        {
            return found;
        }

        for (var p = 0; p < text.Paragraphs.Count && found.Count < max; p++)
        {
            var paragraph = text.Paragraphs[p];
            for (var at = paragraph.IndexOf(words, StringComparison.Ordinal); at >= 0 && found.Count < max;
                 at = paragraph.IndexOf(words, at + 1, StringComparison.Ordinal))
            {
                var end = at + words.Length;
                var (sentenceStart, sentenceEnd) = SentenceAround(paragraph, at, end);
                var before = Math.Max(0, at - Context);
                var after = Math.Min(paragraph.Length, end + Context);
                found.Add(new PassageMatch(
                    new QuoteLocator(p + 1, at, end), words,
                    (before > 0 ? "…" : "") + paragraph[before..at],
                    paragraph[end..after] + (after < paragraph.Length ? "…" : ""),
                    paragraph[sentenceStart..sentenceEnd].Trim(),
                    TrimmedLocator(paragraph, p + 1, sentenceStart, sentenceEnd)));
            }
        }

        return found;
    }

    /// <summary>From just after the previous sentence end to just after the next one (or the paragraph's ends).</summary>
    private static (int Start, int End) SentenceAround(string paragraph, int at, int end)
    {
        var start = at == 0 ? 0 : paragraph.LastIndexOfAny(SentenceEnds, at - 1) + 1;
        var next = end == 0 ? -1 : paragraph.IndexOfAny(SentenceEnds, Math.Max(end - 1, 0));
        return (start, next < 0 ? paragraph.Length : next + 1);
    }

    /// <summary>The locator of the sentence without the spaces around it (the words saved are exactly the words located).</summary>
    private static QuoteLocator TrimmedLocator(string paragraph, int number, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(paragraph[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(paragraph[end - 1]))
        {
            end--;
        }

        return new QuoteLocator(number, start, end);
    }
}
