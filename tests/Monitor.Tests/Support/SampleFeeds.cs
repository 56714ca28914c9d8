using System.Globalization;

namespace Monitor.Tests.Support;

/// <summary>Small feeds written for the tests, with dates relative to now so the look-back window keeps them.</summary>
public static class SampleFeeds
{
    public static string Rfc1123(TimeSpan ago) => (DateTimeOffset.UtcNow - ago).ToString("R", CultureInfo.InvariantCulture);

    public static string Iso(TimeSpan ago) => (DateTimeOffset.UtcNow - ago).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The main article text of seed 004 (the first three paragraphs), as a republishing site would post it.</summary>
    public static string SeedRepublication()
    {
        var seed = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "seeds", "004_8f2a5cfb665e7d37.txt"))
            .Where(l => l.Trim().Length > 0).Skip(1).Take(3);
        return string.Join("\n", seed.Select(p => "<p>" + System.Net.WebUtility.HtmlEncode(p) + "</p>"));
    }

    public static string Rss(string title, params (string Title, string Link, string Description, TimeSpan Ago)[] items) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>{title}</title><link>https://example.test/</link><description>test</description>
        {string.Concat(items.Select(i => $"<item><title>{Escape(i.Title)}</title><link>{Escape(i.Link)}</link><guid isPermaLink=\"false\">{Escape(i.Link)}#guid</guid><pubDate>{Rfc1123(i.Ago)}</pubDate><description>{Escape(i.Description)}</description></item>\n"))}
        </channel></rss>
        """;

    public static string Escape(string text) => System.Security.SecurityElement.Escape(text);
}
