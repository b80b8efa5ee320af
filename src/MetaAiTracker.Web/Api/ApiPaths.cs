namespace MetaAiTracker.Web.Api;

/// <summary>Which requests are API requests: they get ProblemDetails errors, compression, rate limiting and ETags.</summary>
public static class ApiPaths
{
    public static readonly PathString Api = "/api";
    public static readonly PathString Docs = "/api/docs";
    public static readonly PathString OpenApi = "/openapi";
    public static readonly PathString Feed = "/feed.atom";

    /// <summary><c>/api/…</c>, <c>/openapi/…</c> and <c>/feed.atom</c>.</summary>
    public static bool IsApi(PathString path) =>
        path.StartsWithSegments(Api, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(OpenApi, StringComparison.OrdinalIgnoreCase)
        || path.Equals(Feed, StringComparison.OrdinalIgnoreCase);

    /// <summary>API reads that get an ETag: every API GET except the reference page (its script nonce changes per request).</summary>
    public static bool IsCacheableRead(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && IsApi(request.Path) && !request.Path.StartsWithSegments(Docs, StringComparison.OrdinalIgnoreCase);
}
