using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;
using Scalar.AspNetCore;

namespace MetaAiTracker.Web.Hosting;

/// <summary>
/// Adds the security headers to every response: pages, API answers, static files, errors and re-executed status
/// pages alike. The headers are written when the response starts, so that whatever ran in between (exception
/// handler, status-code re-execution, rate limiter) cannot leave a response without them. docs/security.md explains
/// each directive.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>The policy without the per-response script sources (import-map hash, Scalar's nonce).</summary>
    public const string BasePolicy =
        "default-src 'self'; " +
        "script-src 'self'{0}; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        "connect-src 'self' ws: wss:; " +
        "object-src 'none'; " +
        "frame-ancestors 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'";

    private static readonly ConditionalWeakTable<ImportMapDefinition, string> ImportMapHashes = [];

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(static state =>
        {
            Apply((HttpContext)state);
            return Task.CompletedTask;
        }, context);
        return next(context);
    }

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = PolicyFor(context);
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers.XFrameOptions = "DENY";
    }

    /// <summary>
    /// The policy for this response. Pages rendered by Blazor carry an inline <c>&lt;script type="importmap"&gt;</c>
    /// (the <c>ImportMap</c> component); its SHA-256 is allowed instead of <c>'unsafe-inline'</c>. The API reference
    /// page's scripts carry a per-request nonce, which is allowed for that response only.
    /// </summary>
    public static string PolicyFor(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var extra = new StringBuilder();
        if (context.GetEndpoint()?.Metadata.GetMetadata<ImportMapDefinition>() is { } importMap)
        {
            extra.Append(" '").Append(ImportMapHashes.GetValue(importMap, HashOf)).Append('\'');
        }

        if (context.Items.TryGetValue(ScalarOptions.NonceHttpContextItemKey, out var nonce) && nonce is string { Length: > 0 } value)
        {
            extra.Append(" 'nonce-").Append(value).Append('\'');
        }

        return string.Format(System.Globalization.CultureInfo.InvariantCulture, BasePolicy, extra);
    }

    /// <summary>"sha256-…" of the import map exactly as the <c>ImportMap</c> component writes it into the page.</summary>
    public static string HashOf(ImportMapDefinition importMap)
    {
        ArgumentNullException.ThrowIfNull(importMap);
        var json = importMap.ToString().ReplaceLineEndings("\n");
        return "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }
}
