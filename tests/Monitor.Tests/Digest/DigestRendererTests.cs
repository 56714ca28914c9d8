using Monitor.Digest;
using Monitor.Tests.Support;

namespace Monitor.Tests.Digest;

public sealed class DigestRendererTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static ComposedDigest Digest(string title, string? url, string snippet) => new(
        "a@example.org", null, "Subject", new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero),
        [new DigestSection("chips", "Chips <b>&</b> controls", 4,
            [new DigestItem(1, title, url, "Feed \"quoted\"", new DateTimeOffset(2026, 11, 23, 5, 30, 0, TimeSpan.Zero), 5, ["Nvidia"], [], snippet)])],
        [1], [new FeedProblem("https://broken.example/feed", new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero), "3 failures in a row, last: HTTP 500 <oops>")], "", "");

    [Fact]
    public void RenderHtml_EscapesFeedText()
    {
        var html = TestRenderer.Create().RenderHtml(Digest("<script>alert(1)</script>", "https://example.com/a?x=1&y=2", "<img src=x onerror=alert(1)>"), Paris);

        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("href=\"https://example.com/a?x=1&amp;y=2\"", html);
        Assert.Contains("Chips &lt;b&gt;&amp;&lt;/b&gt; controls", html);
        Assert.Contains("HTTP 500 &lt;oops&gt;", html);
        Assert.Contains("since Sat 21 Nov 2026 07:00 (Europe/Paris): 3 failures in a row", html);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("vbscript:msgbox")]
    [InlineData("/relative/link")]
    public void RenderHtml_NonHttpLink_IsNotLinked(string url)
    {
        var html = TestRenderer.Create().RenderHtml(Digest("Title", url, "Snippet"), Paris);

        Assert.DoesNotContain("href=\"" + System.Net.WebUtility.HtmlEncode(url), html);
        Assert.DoesNotContain("javascript:", html);
        Assert.Contains(">Title<", html);
    }

    [Fact]
    public void Render_ShowsTimesInTheRecipientsTimeZone()
    {
        var text = TestRenderer.Create().RenderText(Digest("Title", "https://example.com/a", "Snippet"), Paris);

        Assert.Contains("Mon 23 Nov 2026 06:30 (Europe/Paris)", text);
        Assert.Contains("https://example.com/a", text);
        Assert.Contains("matched: Nvidia", text);
    }

    [Fact]
    public void Render_ConfigNotice_IsInTheFooterEncoded()
    {
        var digest = Digest("Title", "https://example.com/a", "Snippet") with
        {
            ConfigNotices = [new ConfigNotice("config/watchlists.yaml is invalid, the last good version is in force until it is fixed",
                ["config/watchlists.yaml:12: watchlists[0].threshold: must be a number (got '<script>x</script>')", "config/watchlists.yaml:20: watchlists[1].terms: missing"])],
        };

        var html = TestRenderer.Create().RenderHtml(digest, Paris);
        var text = TestRenderer.Create().RenderText(digest, Paris);

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("<b>Configuration problem</b>: config/watchlists.yaml is invalid, the last good version is in force until it is fixed:", html);
        Assert.Contains("<li>config/watchlists.yaml:12: watchlists[0].threshold: must be a number (got '&lt;script&gt;x&lt;/script&gt;')</li>", html);
        Assert.Contains("<li>config/watchlists.yaml:20: watchlists[1].terms: missing</li>", html);
        Assert.True(html.IndexOf("Configuration problem", StringComparison.Ordinal) > html.IndexOf(">Title<", StringComparison.Ordinal), "in the footer, after the articles");
        Assert.Contains("Configuration problem: config/watchlists.yaml is invalid, the last good version is in force until it is fixed:\n"
            + "- config/watchlists.yaml:12: watchlists[0].threshold: must be a number (got '<script>x</script>')\n"
            + "- config/watchlists.yaml:20: watchlists[1].terms: missing\n", text);
    }

    [Fact]
    public void Render_WithoutConfigNotice_SaysNothingAboutTheConfiguration()
    {
        var digest = Digest("Title", "https://example.com/a", "Snippet");

        Assert.DoesNotContain("Configuration problem", TestRenderer.Create().RenderHtml(digest, Paris));
        Assert.DoesNotContain("Configuration problem", TestRenderer.Create().RenderText(digest, Paris));
    }

    [Fact]
    public void Snippet_IsCutAtAWordBoundary()
    {
        var snippet = DigestComposer.Snippet("one two three four five six seven", 16);

        Assert.Equal("one two three…", snippet);
    }
}
