using System.Globalization;
using System.Text;

namespace MetaAiTracker.Core.Domain;

/// <summary>
/// How a message shows a value it refuses: at most the first <see cref="MaxLength"/> characters, then "…", with line
/// breaks, tabs and other control characters written as escapes (<c>\n</c>, <c>\u0000</c>) so that a value that ends
/// in a line break can be seen to. An error message must never become a way to send a large payload back, nor hide
/// what made a value wrong. Every message that quotes a value it refuses goes through here.
/// </summary>
public static class Excerpt
{
    public const int MaxLength = 40;

    public static string Of(string? value, int maxLength = MaxLength)
    {
        if (value is null)
        {
            return string.Empty;
        }

        var clipped = value.Length > maxLength;
        var span = clipped ? value.AsSpan(0, maxLength) : value.AsSpan();
        if (clipped && char.IsHighSurrogate(span[^1]))
        {
            span = span[..^1]; // never cut a character in two
        }

        var sb = new StringBuilder(span.Length + 8);
        foreach (var c in span)
        {
            switch (c)
            {
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case var _ when char.IsControl(c) || c is '\u2028' or '\u2029':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: sb.Append(c); break;
            }
        }

        return clipped ? sb.Append('…').ToString() : sb.ToString();
    }
}
