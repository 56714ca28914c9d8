using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monitor.Feeds;
using Monitor.Tests.Support;

namespace Monitor.Tests.Feeds;

/// <summary>The fetcher against a real HTTP server on 127.0.0.1.</summary>
public sealed class FeedFetcherTests : IAsyncLifetime
{
    private FeedServer _server = null!;
    private static readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync() => _server = await FeedServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static FeedFetcher Fetcher(FeedsOptions? options = null)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var services = new ServiceCollection();
        services.AddFeedHttpClient();
        var factory = services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        return new FeedFetcher(factory, Options.Create(options ?? new FeedsOptions()), Clock, NullLogger<FeedFetcher>.Instance);
    }

    [Fact]
    public async Task Fetch_ConditionalGet_SendsValidatorsAndReportsNotModified()
    {
        _server.Handle("feed.xml", async context =>
        {
            if (context.Request.Headers.IfNoneMatch == "\"v1\"")
            {
                context.Response.StatusCode = 304;
                return;
            }
            context.Response.Headers.ETag = "\"v1\"";
            context.Response.Headers.LastModified = "Mon, 23 Nov 2026 06:00:00 GMT";
            await context.Response.WriteAsync("<rss/>");
        });
        var fetcher = Fetcher();

        var first = await fetcher.FetchAsync(_server.Url("feed.xml"), null, null, CancellationToken.None);
        var second = await fetcher.FetchAsync(_server.Url("feed.xml"), first.ETag, first.LastModified, CancellationToken.None);

        Assert.Equal(FetchOutcome.Ok, first.Outcome);
        Assert.Null(first.Failure);
        Assert.Equal("\"v1\"", first.ETag);
        Assert.Equal("Mon, 23 Nov 2026 06:00:00 GMT", first.LastModified);
        Assert.Equal(FetchOutcome.NotModified, second.Outcome);
        Assert.Null(second.Body);
    }

    [Fact]
    public async Task Fetch_HttpError_IsAFailureWithTheStatus()
    {
        _server.Fail("gone.xml", 404);

        var result = await Fetcher().FetchAsync(_server.Url("gone.xml"), null, null, CancellationToken.None);

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal(404, result.StatusCode);
        Assert.StartsWith("HTTP 404", result.Error);
        Assert.Equal(FetchFailure.HttpClientError, result.Failure);
    }

    [Fact]
    public async Task Fetch_ResponseOverTheCap_IsAbandonedWhileStreaming()
    {
        _server.Handle("huge.xml", async context =>
        {
            // No Content-Length: the cap must hold while reading the stream.
            var chunk = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));
            for (var i = 0; i < 64 && !context.RequestAborted.IsCancellationRequested; i++)
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
        });

        var result = await Fetcher(new FeedsOptions { MaxResponseBytes = 256 * 1024 }).FetchAsync(_server.Url("huge.xml"), null, null, CancellationToken.None);

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Contains("262144-byte limit", result.Error);
        Assert.Equal(FetchFailure.TooLarge, result.Failure);
    }

    [Fact]
    public async Task Fetch_SlowServer_TimesOutWithAClearReason()
    {
        _server.Handle("slow.xml", async context =>
        {
            await context.Response.WriteAsync("<rss>");
            await context.Response.Body.FlushAsync();
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted).ContinueWith(_ => { });
        });

        var result = await Fetcher(new FeedsOptions { TimeoutSeconds = 1 }).FetchAsync(_server.Url("slow.xml"), null, null, CancellationToken.None);

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Contains("timed out after 1 s", result.Error);
        Assert.Equal(FetchFailure.Timeout, result.Failure);
    }

    [Fact]
    public async Task Fetch_HttpCharset_IsHonoured()
    {
        _server.Handle("latin1.xml", async context =>
        {
            context.Response.ContentType = "application/rss+xml; charset=iso-8859-1";
            await context.Response.Body.WriteAsync(Encoding.Latin1.GetBytes("<title>Contr\u00f4les \u00e0 l'exportation</title>"));
        });

        var result = await Fetcher().FetchAsync(_server.Url("latin1.xml"), null, null, CancellationToken.None);

        Assert.Equal("<title>Contrôles à l'exportation</title>", result.Body);
    }

    [Fact]
    public async Task Fetch_XmlDeclarationEncoding_IsUsedWithoutHttpCharset()
    {
        _server.Handle("cp1252.xml", async context =>
        {
            context.Response.ContentType = "application/xml";
            await context.Response.Body.WriteAsync(Encoding.GetEncoding(1252).GetBytes("<?xml version=\"1.0\" encoding=\"windows-1252\"?><t>\u201cquoted\u201d \u20ac</t>"));
        });

        var result = await Fetcher().FetchAsync(_server.Url("cp1252.xml"), null, null, CancellationToken.None);

        Assert.EndsWith("<t>\u201cquoted\u201d \u20ac</t>", result.Body);
    }

    [Fact]
    public async Task Fetch_BodyShorterThanContentLength_IsAFailureNotAnException()
    {
        _server.Handle("short.xml", async context =>
        {
            context.Response.ContentLength = 10_000;
            await context.Response.WriteAsync("<rss>");
            await context.Response.Body.FlushAsync();
            context.Abort();
        });

        var result = await Fetcher().FetchAsync(_server.Url("short.xml"), null, null, CancellationToken.None);

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
    }

    [Fact]
    public async Task Fetch_CorruptGzip_IsAFailureNotAnException()
    {
        _server.Handle("gzip.xml", async context =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.Body.WriteAsync(new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6, 7, 8, 9 });
        });

        var result = await Fetcher().FetchAsync(_server.Url("gzip.xml"), null, null, CancellationToken.None);

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.StartsWith("reading the response failed", result.Error);
    }

    [Fact]
    public async Task Fetch_Utf7Charset_IsReadAsUtf8()
    {
        _server.Handle("utf7.xml", async context =>
        {
            context.Response.ContentType = "application/rss+xml; charset=utf-7";
            await context.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"utf-7\"?><t>+ADw-script+AD4-</t>");
        });

        var result = await Fetcher().FetchAsync(_server.Url("utf7.xml"), null, null, CancellationToken.None);

        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.EndsWith("<t>+ADw-script+AD4-</t>", result.Body);
    }

    [Fact]
    public async Task Fetch_429WithRetryAfterSeconds_GivesTheDelay()
    {
        _server.Handle("busy.xml", context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "7200";
            return Task.CompletedTask;
        });

        var result = await Fetcher().FetchAsync(_server.Url("busy.xml"), null, null, CancellationToken.None);

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal(TimeSpan.FromHours(2), result.RetryAfter);
        Assert.Equal("HTTP 429 Too Many Requests, retry after 7200 s", result.Error);
    }

    [Fact]
    public async Task Fetch_503WithRetryAfterDate_GivesTheDelayFromNow()
    {
        _server.Handle("down.xml", context =>
        {
            context.Response.StatusCode = 503;
            context.Response.Headers.RetryAfter = "Mon, 23 Nov 2026 06:30:00 GMT";
            return Task.CompletedTask;
        });

        var result = await Fetcher().FetchAsync(_server.Url("down.xml"), null, null, CancellationToken.None);

        Assert.Equal(TimeSpan.FromMinutes(30), result.RetryAfter);
        Assert.Equal(FetchFailure.HttpServerError, result.Failure);
    }

    [Fact]
    public async Task Fetch_CacheControlMaxAge_IsReported()
    {
        _server.Handle("cached.xml", async context =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            await context.Response.WriteAsync("<rss/>");
        });

        var result = await Fetcher().FetchAsync(_server.Url("cached.xml"), null, null, CancellationToken.None);

        Assert.Equal(TimeSpan.FromHours(1), result.MaxAge);
        Assert.Null(result.RetryAfter);
    }

    [Fact]
    public async Task Fetch_PermanentRedirects_ReportTheNewAddress()
    {
        _server.Handle("old.xml", context =>
        {
            context.Response.StatusCode = 301;
            context.Response.Headers.Location = "/older.xml";
            return Task.CompletedTask;
        });
        _server.Handle("older.xml", context =>
        {
            context.Response.StatusCode = 308;
            context.Response.Headers.Location = _server.Url("new.xml").ToString();
            return Task.CompletedTask;
        });
        _server.Serve("new.xml", "<rss/>");

        var result = await Fetcher().FetchAsync(_server.Url("old.xml"), null, null, CancellationToken.None);

        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.Equal("<rss/>", result.Body);
        Assert.Equal(_server.Url("new.xml"), result.MovedTo);
    }

    [Fact]
    public async Task Fetch_ATemporaryRedirectOnTheWay_IsNotAMove()
    {
        _server.Handle("a.xml", context =>
        {
            context.Response.StatusCode = 301;
            context.Response.Headers.Location = "/b.xml";
            return Task.CompletedTask;
        });
        _server.Handle("b.xml", context =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = "/c.xml";
            return Task.CompletedTask;
        });
        _server.Serve("c.xml", "<rss/>");

        var result = await Fetcher().FetchAsync(_server.Url("a.xml"), null, null, CancellationToken.None);

        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.Null(result.MovedTo);
        Assert.Equal(_server.Url("c.xml"), result.FinalUrl);
    }

    [Fact]
    public async Task Fetch_RedirectLoopOrNonHttpTarget_IsAFailure()
    {
        _server.Handle("loop.xml", context =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = "/loop.xml";
            return Task.CompletedTask;
        });
        _server.Handle("ftp.xml", context =>
        {
            context.Response.StatusCode = 301;
            context.Response.Headers.Location = "ftp://example.org/feed.xml";
            return Task.CompletedTask;
        });

        var loop = await Fetcher().FetchAsync(_server.Url("loop.xml"), null, null, CancellationToken.None);
        var ftp = await Fetcher().FetchAsync(_server.Url("ftp.xml"), null, null, CancellationToken.None);

        Assert.Equal("more than 5 redirects", loop.Error);
        Assert.Equal(FetchFailure.Other, loop.Failure);
        Assert.Equal(6, _server.Hits("loop.xml"));
        Assert.Equal("redirected to a ftp: URL", ftp.Error);
    }

    [Fact]
    public async Task Fetch_ATransientFailure_IsRetriedOnce()
    {
        var calls = 0;
        _server.Handle("blip.xml", async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = 502;
                return;
            }
            await context.Response.WriteAsync("<rss/>");
        });

        var result = await Fetcher().FetchAsync(_server.Url("blip.xml"), null, null, CancellationToken.None);

        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.Equal(2, _server.Hits("blip.xml"));
    }

    [Fact]
    public async Task Fetch_429_IsNotRetriedWithinThePoll()
    {
        _server.Fail("limited.xml", 429);

        var result = await Fetcher().FetchAsync(_server.Url("limited.xml"), null, null, CancellationToken.None);

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal(1, _server.Hits("limited.xml"));
    }

    [Fact]
    public async Task Fetch_AHostThatDoesNotAnswer_IsLeftAloneByItsCircuit()
    {
        var down = new Uri($"http://127.0.0.1:{FreePort.Next()}/feed.xml");
        var fetcher = Fetcher();
        var first = await fetcher.FetchAsync(down, null, null, CancellationToken.None);
        for (var i = 0; i < 2; i++)
            await fetcher.FetchAsync(down, null, null, CancellationToken.None);

        var result = await fetcher.FetchAsync(new Uri(down, "other.xml"), null, null, CancellationToken.None);

        // Three fetches of a request and a retry each; the circuit opens at its minimum throughput of 5 failures,
        // and then covers every path of the host.
        Assert.StartsWith("connection failed", first.Error);
        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Contains("left alone for a few minutes", result.Error);
    }

    [Fact]
    public async Task Fetch_AFeedFailingWithHttpErrors_DoesNotStopTheOtherFeedsOfItsHost()
    {
        _server.Fail("broken.xml", 500);
        _server.Fail("gone-for-now.xml", 503);
        _server.Serve("healthy.xml", "<rss/>");
        var fetcher = Fetcher();
        for (var i = 0; i < 3; i++)
        {
            await fetcher.FetchAsync(_server.Url("broken.xml"), null, null, CancellationToken.None);
            await fetcher.FetchAsync(_server.Url("gone-for-now.xml"), null, null, CancellationToken.None);
        }

        var broken = await fetcher.FetchAsync(_server.Url("broken.xml"), null, null, CancellationToken.None);
        var healthy = await fetcher.FetchAsync(_server.Url("healthy.xml"), null, null, CancellationToken.None);

        // Twelve failed requests to the host, every one answered: the host is up, each broken feed reports its own error.
        Assert.Equal(8, _server.Hits("broken.xml"));
        Assert.StartsWith("HTTP 500", broken.Error);
        Assert.Equal(FetchOutcome.Ok, healthy.Outcome);
    }

    [Fact]
    public async Task Fetch_NothingListening_IsAConnectionFailure()
    {
        var result = await Fetcher().FetchAsync(new Uri($"http://127.0.0.1:{FreePort.Next()}/feed.xml"), null, null, CancellationToken.None);

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.StartsWith("connection failed", result.Error);
        Assert.Equal(FetchFailure.Other, result.Failure);
    }

    [Fact]
    public async Task Fetch_HttpsToAPlainHttpServer_IsATlsFailure()
    {
        // The server answers the TLS ClientHello with plain HTTP: the handshake fails.
        _server.Serve("feed.xml", "<rss/>");
        var plain = _server.Url("feed.xml");

        var result = await Fetcher().FetchAsync(new UriBuilder(plain) { Scheme = "https" }.Uri, null, null, CancellationToken.None);

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal(FetchFailure.Tls, result.Failure);
    }

    [Fact]
    public async Task Fetch_AHostNameThatDoesNotResolve_IsADnsFailure()
    {
        // .invalid never resolves (RFC 6761 §6.4).
        var result = await Fetcher().FetchAsync(new Uri("http://no-such-host.invalid/feed.xml"), null, null, CancellationToken.None);

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal(FetchFailure.Dns, result.Failure);
    }
}
