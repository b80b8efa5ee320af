using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MetaAiTracker.Core.Domain;

/// <summary>
/// Where a quote stands in its source's archived text: paragraph <see cref="Paragraph"/> (from 1), characters
/// <see cref="Start"/> (from 0) up to but not including <see cref="End"/>, counted in UTF-16 code units as .NET and
/// JavaScript count them. Written <c>¶5:23-51</c>. It is derived from the text by finding the quote in it
/// (<see cref="SourceText"/>), never typed, so it always names the place the words are.
/// </summary>
public readonly record struct QuoteLocator(int Paragraph, int Start, int End)
{
    public int Length => End - Start;

    /// <summary>The fragment of the source page that shows this passage: <c>q-5-23-51</c>.</summary>
    public string Anchor => string.Create(CultureInfo.InvariantCulture, $"q-{Paragraph}-{Start}-{End}");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"¶{Paragraph}:{Start}-{End}");

    /// <summary>"paragraph 5, characters 24–51" (1-based, inclusive), for people to read.</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture, $"paragraph {Paragraph}, characters {Start + 1}–{End}");

    public static QuoteLocator Parse(string text) =>
        TryParse(text, out var locator) ? locator : throw new FormatException($"'{Excerpt.Of(text)}' is not a quote locator (¶paragraph:start-end)");

    /// <summary>Reads the canonical form <c>¶5:23-51</c> (paragraph from 1, start before end).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out QuoteLocator locator)
    {
        locator = default;
        if (text is null || !text.StartsWith('¶'))
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var dash = colon < 0 ? -1 : text.IndexOf('-', colon);
        if (colon < 0 || dash < 0
            || !int.TryParse(text.AsSpan(1, colon - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var paragraph)
            || !int.TryParse(text.AsSpan(colon + 1, dash - colon - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !int.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            || paragraph < 1 || end <= start)
        {
            return false;
        }

        locator = new QuoteLocator(paragraph, start, end);
        return true;
    }

    /// <summary>A paragraph-only hint, <c>¶5</c> (the form version 1 of the dataset format wrote): the paragraph, or null.</summary>
    public static int? ParagraphHint(string? text) =>
        text is { Length: > 1 } && text[0] == '¶' && int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1
            ? p
            : null;
}

/// <summary>
/// A source's archived text, paragraph by paragraph, and the one rule that ties quotes to it: a quote is a run of
/// characters of one paragraph, copied exactly.
/// </summary>
public sealed class SourceText
{
    public SourceText(IReadOnlyList<string> paragraphs) => Paragraphs = paragraphs;

    /// <summary>The paragraphs in order; paragraph n is <c>Paragraphs[n - 1]</c>.</summary>
    public IReadOnlyList<string> Paragraphs { get; }

    /// <summary>
    /// Where <paramref name="quote"/> stands: at <paramref name="at"/> when given (it must hold exactly these words),
    /// else its first place in paragraph <paramref name="paragraph"/> when given, else its first place in the text.
    /// Null when the words are not there; <paramref name="error"/> then says why, for the editor or the importer.
    /// </summary>
    public QuoteLocator? Find(string quote, QuoteLocator? at, int? paragraph, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(quote))
        {
            error = "the quote is empty";
            return null;
        }

        if (at is { } exact)
        {
            if (exact.Paragraph > Paragraphs.Count)
            {
                error = $"the text has {Paragraphs.Count} paragraphs, not {exact.Paragraph}";
                return null;
            }

            var text = Paragraphs[exact.Paragraph - 1];
            if (exact.End <= text.Length && exact.Length == quote.Length && string.CompareOrdinal(text, exact.Start, quote, 0, quote.Length) == 0)
            {
                return exact;
            }

            error = Find(quote, null, null, out _) is { } elsewhere
                ? $"the words are not at {exact} but at {elsewhere}: leave the locator out and it is found"
                : "the words are not in the source's archived text: a quote is copied character for character";
            return null;
        }

        if (paragraph is { } p)
        {
            if (p > Paragraphs.Count)
            {
                error = $"the text has {Paragraphs.Count} paragraphs, not {p}";
                return null;
            }

            var start = Paragraphs[p - 1].IndexOf(quote, StringComparison.Ordinal);
            if (start >= 0)
            {
                return new QuoteLocator(p, start, start + quote.Length);
            }

            error = $"the words are not in paragraph {p} of the source's archived text";
            return null;
        }

        for (var i = 0; i < Paragraphs.Count; i++)
        {
            var start = Paragraphs[i].IndexOf(quote, StringComparison.Ordinal);
            if (start >= 0)
            {
                return new QuoteLocator(i + 1, start, start + quote.Length);
            }
        }

        error = "the words are not in the source's archived text: a quote is copied character for character, within one paragraph";
        return null;
    }

    /// <summary>The words at <paramref name="locator"/>, or null when the text has no such place.</summary>
    public string? At(QuoteLocator locator) =>
        locator.Paragraph <= Paragraphs.Count && locator.End <= Paragraphs[locator.Paragraph - 1].Length
            ? Paragraphs[locator.Paragraph - 1][locator.Start..locator.End]
            : null;
}
