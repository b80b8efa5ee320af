using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;

namespace MetaAiTracker.Web.Tests.Api;

/// <summary>API reads carry an ETag and revalidate with If-None-Match; JSON is compressed on request, pages are not.</summary>
[Collection(ApiCollection.Name)]
public sealed class CachingAndCompressionTests(SharedApp app)
{
    [Theory]
    [InlineData("/api/events")]
    [InlineData("/api/events?themes=talent&sort=desc")]
    [InlineData("/api/events/zuckerberg-poaching-campaign")]
    [InlineData("/api/metrics/attrition")]
    [InlineData("/api/dataset")]
    [InlineData("/api/events.csv")]
    [InlineData("/feed.atom")]
    public async Task A_matching_If_None_Match_gets_304_without_a_body(string url)
    {
        using var client = app.CreateClient();
        using var first = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.True(etag.IsWeak);
        Assert.True(first.Headers.CacheControl?.NoCache);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.IfNoneMatch.Add(etag);
        using var second = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, second.Headers.ETag);
        Assert.Contains("Accept-Encoding", second.Headers.Vary);

        using var again = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(etag, again.Headers.ETag); // the same data gives the same tag
    }

    [Fact]
    public async Task A_stale_or_wildcard_If_None_Match_behaves_as_http_says()
    {
        using var client = app.CreateClient();
        using var stale = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/events", UriKind.Relative));
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"not-the-tag\"", isWeak: true));
        using var fresh = await client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.NotEmpty(await fresh.Content.ReadAsByteArrayAsync());

        using var any = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/events", UriKind.Relative));
        any.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Any);
        using var notModified = await client.SendAsync(any);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var strong = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/events", UriKind.Relative));
        strong.Headers.TryAddWithoutValidation("If-None-Match", fresh.Headers.ETag!.Tag); // weak comparison ignores W/
        using var alsoNotModified = await client.SendAsync(strong);
        Assert.Equal(HttpStatusCode.NotModified, alsoNotModified.StatusCode);
    }

    [Fact]
    public async Task Different_answers_have_different_tags_and_errors_have_none()
    {
        using var client = app.CreateClient();
        using var a = await client.GetAsync(new Uri("/api/events?themes=talent", UriKind.Relative));
        using var b = await client.GetAsync(new Uri("/api/events?themes=partnerships", UriKind.Relative));
        Assert.NotEqual(a.Headers.ETag, b.Headers.ETag);

        using var bad = await client.GetAsync(new Uri("/api/events?from=nope", UriKind.Relative));
        Assert.Null(bad.Headers.ETag);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Api_json_is_compressed_when_asked(string encoding)
    {
        using var client = app.CreateClient();
        var plain = await client.GetByteArrayAsync(new Uri("/api/events", UriKind.Relative));

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/events", UriKind.Relative));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);

        var compressed = await response.Content.ReadAsByteArrayAsync();
        Assert.True(compressed.Length < plain.Length, $"{compressed.Length} bytes compressed vs {plain.Length} plain");
        await using var input = new MemoryStream(compressed);
        await using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        await decoder.CopyToAsync(output);
        Assert.Equal(plain, output.ToArray());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/timeline")]
    public async Task Pages_are_not_compressed_by_the_api_compression(string url)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }
}
