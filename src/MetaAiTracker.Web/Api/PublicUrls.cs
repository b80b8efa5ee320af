using Microsoft.Extensions.Options;

namespace MetaAiTracker.Web.Api;

/// <summary><c>Tracker:PublicBaseUrl</c>: the site's public address, used for absolute links in the feed and the CSV.</summary>
public sealed class PublicUrlOptions
{
    public const string Section = "Tracker";

    /// <summary>
    /// e.g. <c>https://tracker.example.org</c>. When unset, links are built from the request's scheme and Host header;
    /// set it in production so that a forged Host header cannot end up in a feed reader.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public static bool IsValid(PublicUrlOptions options) =>
        options.PublicBaseUrl is null
        || (Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment));
}

internal static class PublicUrls
{
    /// <summary>"https://host[/pathbase]" without a trailing slash.</summary>
    public static string BaseOf(HttpContext context)
    {
        var configured = context.RequestServices.GetRequiredService<IOptions<PublicUrlOptions>>().Value.PublicBaseUrl;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.TrimEnd('/');
        }

        var request = context.Request;
        return $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}";
    }

    public static Func<string, string> EventUrl(string baseUrl) => slug => $"{baseUrl}/events/{Uri.EscapeDataString(slug)}";
}
