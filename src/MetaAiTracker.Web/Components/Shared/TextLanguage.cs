using System.Globalization;

namespace MetaAiTracker.Web.Components.Shared;

/// <summary>How the pages name a text's language and set its type.</summary>
public static class TextLanguage
{
    /// <summary>"zh-Hans" → "Chinese (Simplified)", "en" → "English"; the tag itself when the name is unknown.</summary>
    public static string Name(string tag)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(tag);
            return string.IsNullOrEmpty(culture.EnglishName) || culture.EnglishName.StartsWith("Unknown", StringComparison.Ordinal) ? tag : culture.EnglishName;
        }
        catch (CultureNotFoundException)
        {
            return tag;
        }
    }

    /// <summary>The class that sets Chinese text in its own type (<c>quote-zh</c>) for a Chinese language tag; null otherwise.</summary>
    public static string? CssClass(string? tag) => tag?.StartsWith("zh", StringComparison.OrdinalIgnoreCase) == true ? "quote-zh" : null;
}
