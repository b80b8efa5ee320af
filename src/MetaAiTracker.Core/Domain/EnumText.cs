using System.Text;

namespace MetaAiTracker.Core.Domain;

/// <summary>Enum values as the dataset format and the API spell them: kebab-case ("public-figure").</summary>
public static class EnumText
{
    public static string ToText<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    sb.Append('-');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(ToText(candidate), text, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>The accepted spellings, for error messages: "reported, confirmed, disputed, denied".</summary>
    public static string Allowed<T>() where T : struct, Enum =>
        string.Join(", ", Enum.GetValues<T>().Select(v => ToText(v)));
}
