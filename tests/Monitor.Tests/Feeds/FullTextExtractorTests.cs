using Monitor.Feeds;

namespace Monitor.Tests.Feeds;

public sealed class FullTextExtractorTests
{
    private static readonly Uri Page = new("https://example.org/article");

    [Fact]
    public void Extract_ReadsTheArticleAndLeavesTheChrome()
    {
        var paragraph = "The Commerce Department widened export controls on Nvidia accelerators sold to China on Monday, officials said. ";
        var html = $"<html><body><nav>Home Tech Sport</nav><article><h1>Title</h1>{string.Concat(Enumerable.Repeat($"<p>{paragraph}</p>", 8))}</article><footer>Cookies</footer></body></html>";

        var text = new FullTextExtractor().Extract(html, Page);

        Assert.NotNull(text);
        Assert.Contains("export controls on Nvidia", text);
        Assert.DoesNotContain("Cookies", text);
    }

    [Fact]
    public void Extract_ADeeplyNestedPage_IsNotRead() =>
        Assert.Null(new FullTextExtractor().Extract(string.Concat(Enumerable.Repeat("<div>", 50_000)) + "text", Page));
}
