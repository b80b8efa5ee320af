using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace MetaAiTracker.Web.Api;

/// <summary>
/// Gives every successful API read a weak ETag, the hash of its body, and <c>Cache-Control: no-cache</c>
/// (a client may keep the answer but must revalidate it). A request whose <c>If-None-Match</c> names the current
/// ETag gets <c>304 Not Modified</c> without a body.
/// </summary>
/// <remarks>
/// The ETag is weak (<c>W/"…"</c>) because response compression runs outside this middleware: the same
/// representation may travel as brotli, gzip or identity, which a strong validator would have to tell apart.
/// The body is buffered to be hashed; API answers are small (the whole dataset is well under a megabyte).
/// </remarks>
public sealed class ETagMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        var original = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = original;
        }

        if (response.StatusCode == StatusCodes.Status200OK && !response.Headers.ContainsKey(HeaderNames.ETag))
        {
            var etag = new EntityTagHeaderValue(Tag(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)), isWeak: true);
            response.Headers.ETag = etag.ToString();
            response.Headers.CacheControl = "no-cache";

            if (Matches(context.Request, etag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                response.Headers.Remove(HeaderNames.ContentType);
                response.Headers.Remove(HeaderNames.ContentDisposition);

                // A 304 carries the Vary the 200 would have had; compression (outside) only adds it to bodies it sees.
                if (!response.Headers.Vary.Any(v => v is not null && v.Contains(HeaderNames.AcceptEncoding, StringComparison.OrdinalIgnoreCase)))
                {
                    response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
                }

                return;
            }
        }

        if (buffer.Length > 0)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
        }
    }

    /// <summary>A quoted tag: the first 16 bytes of the body's SHA-256, base64url.</summary>
    internal static string Tag(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(body, hash);
        return "\"" + Convert.ToBase64String(hash[..16]).TrimEnd('=').Replace('+', '-').Replace('/', '_') + "\"";
    }

    /// <summary>If-None-Match uses the weak comparison (RFC 9110 §13.1.2): "*" or any listed tag with the same opaque value.</summary>
    private static bool Matches(HttpRequest request, EntityTagHeaderValue current)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0 || !EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return false;
        }

        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
    }
}
