using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Text;

namespace Monitor.Feeds;

/// <summary>
/// Downloads one feed ourselves rather than through FeedReader (which ignores the HTTP charset and has no size cap):
/// conditional GET, a total time limit, a size cap enforced while streaming, and charset detection
/// (HTTP header, then BOM, then XML declaration, then UTF-8).
/// </summary>
public sealed partial class FeedFetcher(IHttpClientFactory httpClientFactory, IOptions<FeedsOptions> options, TimeProvider timeProvider, ILogger<FeedFetcher> logger)
{
    public const string HttpClientName = "feeds";

    public Task<FetchResult> FetchAsync(Uri url, string? etag, string? lastModified, CancellationToken cancellationToken) =>
        FetchAsync(url, etag, lastModified, options.Value.MaxResponseBytes, cancellationToken);

    /// <summary>Fetches with another size cap (article pages for full text use a smaller one).</summary>
    public async Task<FetchResult> FetchAsync(Uri url, string? etag, string? lastModified, long maxBytes, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));

        try
        {
            var client = httpClientFactory.CreateClient(HttpClientName);
            // Redirects are followed here, not by the handler, to tell permanent ones (301/308: the stored URL is
            // updated) from temporary ones, and to refuse anything but http(s).
            var current = url;
            var permanent = true;
            HttpResponseMessage response;
            for (var hop = 0; ; hop++)
            {
                using var request = NewRequest(current, settings, etag, lastModified);
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                var code = (int)response.StatusCode;
                if (code is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location)
                    break;
                response.Dispose();
                if (hop == MaxRedirects)
                    return FetchResult.Failed(url, FetchFailure.Other, $"more than {MaxRedirects} redirects");
                var next = new Uri(current, location);
                if (next.Scheme is not ("http" or "https"))
                    return FetchResult.Failed(url, FetchFailure.Other, $"redirected to a {next.Scheme}: URL");
                permanent &= code is 301 or 308;
                current = next;
            }
            using var owned = response;
            var movedTo = permanent && current != url ? current : null;
            var status = (int)response.StatusCode;
            var maxAge = response.Headers.CacheControl?.MaxAge;
            if (response.StatusCode == HttpStatusCode.NotModified)
                return new FetchResult(FetchOutcome.NotModified, url, status, null, etag, lastModified, null) { MaxAge = maxAge, MovedTo = movedTo, FinalUrl = current };
            if (!response.IsSuccessStatusCode)
            {
                var retryAfter = RetryAfter(response, timeProvider.GetUtcNow());
                var wait = retryAfter is { } r ? $", retry after {r.TotalSeconds:0} s" : "";
                return FetchResult.Failed(url, Kind(status), $"HTTP {status} {response.ReasonPhrase}{wait}".TrimEnd(), status) with { RetryAfter = retryAfter };
            }

            if (response.Content.Headers.ContentLength is { } length && length > maxBytes)
                return FetchResult.Failed(url, FetchFailure.TooLarge, $"response of {length} bytes is larger than the {maxBytes}-byte limit (Feeds:MaxResponseBytes)", status);

            var bytes = await ReadCappedAsync(response.Content, maxBytes, timeout.Token);
            if (bytes is null)
                return FetchResult.Failed(url, FetchFailure.TooLarge, $"response is larger than the {maxBytes}-byte limit (Feeds:MaxResponseBytes)", status);

            var body = Decode(bytes, response.Content.Headers.ContentType);
            var newEtag = response.Headers.ETag?.ToString();
            var newLastModified = response.Content.Headers.LastModified?.ToString("R");
            logger.LogDebug("Fetched {FeedUrl}: {Bytes} bytes", url, bytes.Length);
            return new FetchResult(FetchOutcome.Ok, url, status, body, newEtag, newLastModified, null) { MaxAge = maxAge, MovedTo = movedTo, FinalUrl = current };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return FetchResult.Failed(url, FetchFailure.Timeout, $"timed out after {settings.TimeoutSeconds} s (Feeds:TimeoutSeconds)");
        }
        catch (HttpRequestException ex)
        {
            return FetchResult.Failed(url, Kind(ex), "connection failed: " + (ex.InnerException?.Message ?? ex.Message), (int?)ex.StatusCode);
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException)
        {
            return FetchResult.Failed(url, FetchFailure.Other, $"{url.Authority} failed most recent requests; it is left alone for a few minutes");
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            // HttpIOException (body shorter than Content-Length, broken chunking) and InvalidDataException (corrupt gzip/brotli).
            return FetchResult.Failed(url, FetchFailure.Other, "reading the response failed: " + ex.Message);
        }
    }

    private const int MaxRedirects = 5;

    private static FetchFailure Kind(int status) =>
        status >= 500 ? FetchFailure.HttpServerError : status >= 400 ? FetchFailure.HttpClientError : FetchFailure.Other;

    /// <summary>The kind of a failed connection, from what SocketsHttpHandler says went wrong.</summary>
    private static FetchFailure Kind(HttpRequestException ex) => ex.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => FetchFailure.Dns,
        HttpRequestError.SecureConnectionError => FetchFailure.Tls,
        _ => FetchFailure.Other,
    };

    private static HttpRequestMessage NewRequest(Uri url, FeedsOptions settings, string? etag, string? lastModified)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", settings.UserAgent);
        request.Headers.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5");
        if (!string.IsNullOrEmpty(etag))
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        if (!string.IsNullOrEmpty(lastModified))
            request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
        return request;
    }

    /// <summary>Retry-After of a 429 or 503, in seconds or as an HTTP date (RFC 9110 §10.2.3); null for other statuses.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) || response.Headers.RetryAfter is not { } header)
            return null;
        var delay = header.Delta ?? (header.Date is { } date ? date - now : null);
        return delay is { } d && d > TimeSpan.Zero ? d : null;
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is longer.</summary>
    private static async Task<byte[]?> ReadCappedAsync(HttpContent content, long limit, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// The body as text: HTTP charset first (RFC 7303), then a byte-order mark, then the XML declaration, then UTF-8.
    /// The BOM comes before the declaration because it is a fact about the bytes while the declaration is a claim,
    /// often copied from a template (XML 1.0 Appendix F lets the BOM decide too).
    /// </summary>
    internal static string Decode(byte[] bytes, MediaTypeHeaderValue? contentType)
    {
        var encoding = FromName(contentType?.CharSet) ?? FromBom(bytes, out _) ?? FromXmlDeclaration(bytes) ?? new UTF8Encoding(false);
        var preamble = FromBom(bytes, out var bomLength) is not null ? bomLength : 0;
        return C1Controls.ToWindows1252(encoding.GetString(bytes, preamble, bytes.Length - preamble));
    }


    private static Encoding? FromName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return null;
        var trimmed = name.Trim('"', '\'', ' ');
        // UTF-7 is obsolete in .NET and a known vector for script injection; read such a feed as UTF-8.
        if (trimmed.Equals("utf-7", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("utf7", StringComparison.OrdinalIgnoreCase))
            return null;
        // As browsers do (WHATWG Encoding Standard): "iso-8859-1", "latin1" and "us-ascii" mean windows-1252, whose
        // curly quotes and dashes (0x80-0x9F) are what such feeds really contain.
        if (trimmed.ToLowerInvariant() is "iso-8859-1" or "iso8859-1" or "latin1" or "l1" or "us-ascii" or "ascii" or "cp1252")
            return Encoding.GetEncoding(1252);
        try
        {
            return Encoding.GetEncoding(trimmed);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private static Encoding? FromBom(byte[] bytes, out int length)
    {
        length = 0;
        if (bytes is [0xEF, 0xBB, 0xBF, ..]) { length = 3; return new UTF8Encoding(false); }
        // UTF-32 before UTF-16: the UTF-32LE mark starts with the UTF-16LE one.
        if (bytes is [0xFF, 0xFE, 0x00, 0x00, ..]) { length = 4; return new UTF32Encoding(bigEndian: false, byteOrderMark: false); }
        if (bytes is [0x00, 0x00, 0xFE, 0xFF, ..]) { length = 4; return new UTF32Encoding(bigEndian: true, byteOrderMark: false); }
        if (bytes is [0xFF, 0xFE, ..]) { length = 2; return Encoding.Unicode; }
        if (bytes is [0xFE, 0xFF, ..]) { length = 2; return Encoding.BigEndianUnicode; }
        return null;
    }

    [GeneratedRegex("""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")]
    private static partial Regex XmlDeclarationEncoding();

    private static Encoding? FromXmlDeclaration(byte[] bytes)
    {
        var head = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 200));
        var match = XmlDeclarationEncoding().Match(head);
        return match.Success ? FromName(match.Groups[1].Value) : null;
    }
}
