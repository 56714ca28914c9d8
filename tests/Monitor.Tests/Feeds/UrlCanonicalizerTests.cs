using Monitor.Feeds;

namespace Monitor.Tests.Feeds;

public sealed class UrlCanonicalizerTests
{
    [Theory]
    [InlineData("HTTPS://News.Example.COM/a/b?x=1#comments", "https://news.example.com/a/b?x=1")]
    [InlineData("https://example.com/story?utm_source=rss&utm_medium=feed&id=42", "https://example.com/story?id=42")]
    [InlineData("https://example.com/story?fbclid=abc&gclid=def", "https://example.com/story")]
    [InlineData("https://example.com:443/story", "https://example.com/story")]
    [InlineData("http://example.com:8080/story", "http://example.com:8080/story")]
    [InlineData("https://example.com/story?b=2&a=1", "https://example.com/story?b=2&a=1")]
    [InlineData("https://example.com/story?UTM_Campaign=x&p=1&mc_cid=9", "https://example.com/story?p=1")]
    public void Canonicalize_AbsoluteUrl_LowercasesAndDropsTracking(string input, string expected) =>
        Assert.Equal(expected, UrlCanonicalizer.Canonicalize(input));

    [Fact]
    public void Canonicalize_RelativeUrl_ResolvesAgainstBase() =>
        Assert.Equal("https://example.com/news/item-1", UrlCanonicalizer.Canonicalize("item-1", new Uri("https://example.com/news/feed.xml")));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("javascript:alert(1)")]
    [InlineData("mailto:someone@example.com")]
    [InlineData("not a url")]
    public void Canonicalize_NotHttp_ReturnsNull(string? input) => Assert.Null(UrlCanonicalizer.Canonicalize(input));

    [Theory]
    [InlineData("http://www.example.com/a?x=1")]
    [InlineData("https://example.com/a?x=1")]
    [InlineData("https://www.example.com/a?x=1")]
    public void IdentityKey_IgnoresSchemeAndWww(string url) =>
        Assert.Equal("example.com/a?x=1", UrlCanonicalizer.IdentityKey(UrlCanonicalizer.Canonicalize(url)!));

    [Fact]
    public void Canonicalize_SameArticleFromTwoFeeds_GivesOneIdentity() =>
        Assert.Equal(
            UrlCanonicalizer.Canonicalize("https://Example.com/a?utm_source=x#top"),
            UrlCanonicalizer.Canonicalize("https://example.com/a?fbclid=1"));
}
