using Monitor.Feeds;
using Monitor.Text;

namespace Monitor.Tests.Feeds;

public sealed class FeedParserTests
{
    private static readonly Uri FeedUrl = new("https://example.com/news/feed.xml");
    private readonly FeedParser _parser = new(new XmlFeedParser(new HtmlText()), new JsonFeedParser(new HtmlText()));

    [Fact]
    public void Parse_Rss20_MapsItems()
    {
        var feed = _parser.Parse("""
            <?xml version="1.0"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Example &amp; Co</title><language>fr</language>
            <item><title>Puces &amp; contrôles</title><link>https://example.com/a?utm_source=rss</link><guid>abc-1</guid>
              <pubDate>Mon, 23 Nov 2026 10:00:00 +0100</pubDate><description>&lt;p&gt;Short &lt;b&gt;summary&lt;/b&gt;&lt;/p&gt;</description>
              <content:encoded><![CDATA[<p>Body with a literal &amp;lt;tag&amp;gt; mention.</p>]]></content:encoded></item>
            </channel></rss>
            """, FeedUrl);

        Assert.Equal("Example & Co", feed.Title);
        var item = Assert.Single(feed.Items);
        Assert.Equal("Puces & contrôles", item.Title);
        Assert.Equal("https://example.com/a", item.Url);
        Assert.Equal("url:example.com/a", item.Key);
        Assert.Equal("abc-1", item.Guid);
        Assert.Equal("Short summary", item.Summary);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), item.Published);
        // content:encoded is decoded once: "&amp;lt;" in the HTML is the text "&lt;", not "<".
        Assert.Equal("Body with a literal &lt;tag&gt; mention.", item.Content);
    }

    [Fact]
    public void Parse_AtomWithSeveralLinks_PrefersAlternate()
    {
        var feed = _parser.Parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title>
            <entry><title>Entry</title><id>urn:1</id>
              <link rel="self" href="https://example.com/api/1"/>
              <link rel="enclosure" href="https://cdn.example.com/1.mp3"/>
              <link rel="alternate" type="text/html" href="/news/1"/>
              <updated>2026-11-23T10:00:00Z</updated><summary>Text</summary></entry>
            </feed>
            """, FeedUrl);

        var item = Assert.Single(feed.Items);
        Assert.Equal("https://example.com/news/1", item.Url);
        // No <published>: <updated> stands in.
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), item.Published);
    }

    [Fact]
    public void Parse_RelativeLinks_ResolveAgainstXmlBaseThenTheFeedUrl()
    {
        var feed = _parser.Parse("""
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://cdn.example.org/blog/">
              <title>T</title>
              <entry xml:base="2026/"><title>A</title><id>urn:a</id><link rel="alternate" href="post-a.html"/></entry>
              <entry><title>B</title><id>urn:b</id><link rel="alternate" xml:base="/other/" href="post-b.html"/></entry>
            </feed>
            """, FeedUrl);
        var rss = _parser.Parse("""<rss version="2.0"><channel><title>T</title><item><title>C</title><link>../c.html</link></item></channel></rss>""", FeedUrl);

        Assert.Equal("https://cdn.example.org/blog/2026/post-a.html", feed.Items[0].Url);
        Assert.Equal("https://cdn.example.org/other/post-b.html", feed.Items[1].Url);
        Assert.Equal("https://example.com/c.html", Assert.Single(rss.Items).Url);
    }

    [Fact]
    public void Parse_RelativeLinksResolveAgainstWhereTheFeedWasServed_IdentityStaysWithTheFeedUrl()
    {
        var feed = _parser.Parse("""<rss version="2.0"><channel><title>T</title><item><title>A</title><guid>1</guid><link>item.html</link></item><item><title>B</title><guid>2</guid></item></channel></rss>""",
            FeedUrl, new Uri("https://mirror.example.net/sub/feed.xml"));

        Assert.Equal("https://mirror.example.net/sub/item.html", feed.Items[0].Url);
        Assert.Equal("guid:https://example.com/news/feed.xml#2", feed.Items[1].Key);
    }

    [Fact]
    public void Parse_UnparseableDate_KeepsTheItemWithUnknownDate()
    {
        var feed = _parser.Parse("""
            <rss version="2.0"><channel><title>T</title>
            <item><title>A</title><link>https://example.com/a</link><pubDate>the day before yesterday</pubDate></item>
            <item><title>B</title><link>https://example.com/b</link><pubDate>Mon, 23 Nov 2026 10:00:00 GMT</pubDate></item>
            </channel></rss>
            """, FeedUrl);

        Assert.Equal(2, feed.Items.Count);
        Assert.Null(feed.Items[0].Published);
        Assert.NotNull(feed.Items[1].Published);
    }

    [Fact]
    public void Parse_ItemWithoutLinkOrGuid_GetsAStableContentIdentity()
    {
        const string xml = """<rss version="2.0"><channel><title>T</title><item><title>No link</title><description>Body</description></item></channel></rss>""";

        var first = Assert.Single(_parser.Parse(xml, FeedUrl).Items);
        var second = Assert.Single(_parser.Parse(xml, FeedUrl).Items);

        Assert.StartsWith("sha256:", first.Key);
        Assert.Equal(first.Key, second.Key);
    }

    [Fact]
    public void Parse_MalformedXml_ThrowsWithLineAndReason()
    {
        var ex = Assert.Throws<FeedParseException>(() => _parser.Parse("<rss version=\"2.0\"><channel><title>T</title><item><title>A <b>B</title></b></item></channel></rss>", FeedUrl));

        Assert.Contains("malformed XML at line 1", ex.Message);
        Assert.Contains("does not match the end tag", ex.Message);
        Assert.DoesNotContain("ended early", ex.Message);
    }

    [Fact]
    public void Parse_HtmlPage_IsNotAFeed()
    {
        var ex = Assert.Throws<FeedParseException>(() => _parser.Parse("<html><body><p>Hello</p></body></html>", FeedUrl));

        Assert.Contains("not an RSS or Atom feed", ex.Message);
    }

    [Fact]
    public void Parse_EntityExpansionBomb_IsNotExpanded()
    {
        var lol = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [
              <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
              <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
              <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
              <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
              <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
              <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
            ]>
            <rss version="2.0"><channel><title>&f;</title><item><title>&f;</title></item></channel></rss>
            """;

        // Ignored DTD: the entities are never expanded, so the document is refused instead of growing to 400 MB.
        var ex = Assert.Throws<FeedParseException>(() => _parser.Parse(lol, FeedUrl));

        Assert.Contains("declares XML entities in a DTD, which are never expanded", ex.Message);
    }

    [Fact]
    public void Parse_DeeplyNestedXml_IsRefusedWithoutBuildingTheTree()
    {
        var deep = "<rss version=\"2.0\"><channel><title>T</title><item><title>A</title><description>"
            + string.Concat(Enumerable.Repeat("<x>", 100_000)) + string.Concat(Enumerable.Repeat("</x>", 100_000))
            + "</description></item></channel></rss>";

        var ex = Assert.Throws<FeedParseException>(() => _parser.Parse(deep, FeedUrl));

        Assert.Contains("nested deeper than", ex.Message);
    }

    [Fact]
    public void Parse_DeeplyNestedHtmlInADescription_GivesTheItemWithItsText()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 100_000)) + "Nvidia export controls" + string.Concat(Enumerable.Repeat("</div>", 100_000));
        var xml = $"<rss version=\"2.0\"><channel><title>T</title><item><title>A</title><link>https://example.com/a</link><description>{System.Security.SecurityElement.Escape(html)}</description></item></channel></rss>";

        var item = Assert.Single(_parser.Parse(xml, FeedUrl).Items);

        Assert.Equal("Nvidia export controls", item.Summary);
    }

    [Fact]
    public void Parse_JsonFeed_MapsItems()
    {
        var feed = _parser.Parse("""
            {
              "version": "https://jsonfeed.org/version/1.1",
              "title": "JSON &amp; Co",
              "items": [
                { "id": "2", "url": "https://example.com/b?utm_source=json", "title": "Nvidia export controls",
                  "content_html": "<p>Body <b>text</b></p><script>alert(1)</script>", "date_published": "2026-11-23T10:00:00+01:00",
                  "authors": [ { "name": "Ann" }, { "name": "Bo" } ] },
                { "id": 7, "content_text": "No link, no title", "date_modified": "not a date" },
                "not an object"
              ]
            }
            """, FeedUrl);

        Assert.Equal("JSON & Co", feed.Title);
        Assert.Equal(2, feed.Items.Count);
        var first = feed.Items[0];
        Assert.Equal("https://example.com/b", first.Url);
        Assert.Equal("Body text", first.Summary);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), first.Published);
        Assert.Equal("Ann, Bo", first.Author);
        var second = feed.Items[1];
        Assert.Equal("guid:https://example.com/news/feed.xml#7", second.Key);
        Assert.Null(second.Published);
    }

    [Theory]
    [InlineData("{ \"title\": \"no version\" }", "not a JSON Feed")]
    [InlineData("{ \"version\": \"https://jsonfeed.org/version/1.1\", ", "malformed JSON")]
    public void Parse_BadJson_IsAParseFailure(string json, string reason)
    {
        var ex = Assert.Throws<FeedParseException>(() => _parser.Parse(json, FeedUrl));

        Assert.Contains(reason, ex.Message);
    }

    [Fact]
    public void Parse_HtmlEntitiesAndBareAmpersands_AreRepairedAndRecorded()
    {
        var feed = _parser.Parse("""
            <rss version="2.0"><channel><title>Caf&eacute; &amp; R&D &nbsp;news</title>
            <item><title>AT&T &mdash; &hearts;&#X41;</title><link>https://example.com/a?x=1&y=2</link>
            <description><![CDATA[Keep &nbsp; & this]]></description></item></channel></rss>
            """, FeedUrl);

        Assert.Equal("Café & R&D news", feed.Title);
        var item = Assert.Single(feed.Items);
        Assert.Equal("AT&T — ♥A", item.Title);
        Assert.Equal("https://example.com/a?x=1&y=2", item.Url);
        // Outside CDATA: &eacute; &nbsp; &mdash; &hearts; are HTML entities; R&D, AT&T and &y are bare ampersands;
        // &#X41; gets its x lower-cased.
        Assert.Contains("4 HTML entities that XML does not define replaced by their characters", feed.Repairs);
        Assert.Contains("3 unescaped '&' escaped", feed.Repairs);
        Assert.Contains("1 character reference written &#X corrected to &#x", feed.Repairs);
    }

    [Fact]
    public void Parse_TruncatedDocument_KeepsTheCompleteItems()
    {
        var feed = _parser.Parse("""<rss version="2.0"><channel><title>T</title><item><title>A</title><link>https://example.com/a</link></item><item><title>B</title></ite""", FeedUrl);

        Assert.Equal(["A", "B"], feed.Items.Select(i => i.Title));
        Assert.Contains(feed.Repairs, r => r.StartsWith("document ended early", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ControlCharactersAndUndeclaredPrefix_AreRepaired()
    {
        var feed = _parser.Parse("<rss version=\"2.0\"><channel><title>T\u0001\u000B</title><item><title>A\u0000B</title><dc:date>2026-11-23T10:00:00Z</dc:date></item></channel></rss>", FeedUrl);

        Assert.Equal("T", feed.Title);
        Assert.Equal("AB", Assert.Single(feed.Items).Title);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), feed.Items[0].Published);
        Assert.Contains(feed.Repairs, r => r.Contains("forbidden in XML", StringComparison.Ordinal));
        Assert.Contains(feed.Repairs, r => r.Contains("dc declared", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("<ttl>90</ttl>", 90)]
    [InlineData("<ttl>soon</ttl>", null)]
    [InlineData("<ttl>99999999</ttl>", null)]
    [InlineData("", null)]
    public void Parse_RssTtl_IsReadInMinutes(string ttl, int? minutes) =>
        Assert.Equal(minutes is { } m ? TimeSpan.FromMinutes(m) : null,
            _parser.Parse($"<rss version=\"2.0\"><channel><title>T</title>{ttl}</channel></rss>", FeedUrl).Ttl);

    [Fact]
    public void Parse_ManyUnclosedCdataOpenings_FailsWithoutRescanningTheDocument()
    {
        var hostile = "<rss version=\"2.0\"><channel><title>T &nbsp;</title>" + string.Concat(Enumerable.Repeat("<![CDATA[x", 100_000));

        var ex = Record.Exception(() => _parser.Parse(hostile, FeedUrl));

        Assert.IsType<FeedParseException>(ex);
    }

    [Fact]
    public void Parse_UndeclaredPrefixAfterACommentWithTags_IsDeclaredOnTheRealRoot()
    {
        var feed = _parser.Parse("<!-- made by <b>gen</b> --><rss version=\"2.0\"><channel><title>T</title><item><title>A</title><dc:date>2026-11-23T10:00:00Z</dc:date></item></channel></rss>", FeedUrl);

        Assert.NotNull(Assert.Single(feed.Items).Published);
    }

    [Fact]
    public void Parse_AnXmlDeclarationInsideCdata_IsContentNotRemoved()
    {
        var feed = _parser.Parse("<rss version=\"2.0\"><channel><title>T &amp; &nbsp;</title><item><title>A</title><description><![CDATA[code: <?xml version=\"1.0\"?> end]]></description></item></channel></rss>", FeedUrl);

        Assert.Contains("code:", Assert.Single(feed.Items).Summary);
        Assert.Contains("end", feed.Items[0].Summary);
        Assert.DoesNotContain(feed.Repairs, r => r.Contains("declaration", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_HundredsOfUndeclaredPrefixes_AreNotRepaired()
    {
        var hostile = "<rss version=\"2.0\"><channel><title>T</title>" + string.Concat(Enumerable.Range(0, 500).Select(i => $"<p{i}:b/>")) + "</channel></rss>";

        var ex = Assert.Throws<FeedParseException>(() => _parser.Parse(hostile, FeedUrl));

        Assert.Contains("undeclared prefix", ex.Message);
    }

    [Fact]
    public void Parse_JsonFeedWithALoneSurrogate_ReadsTheStringAsMissing()
    {
        var feed = _parser.Parse("""{ "version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [ { "id": "1", "title": "a\uD800b", "content_text": "Body" } ] }""", FeedUrl);

        Assert.Equal("", Assert.Single(feed.Items).Title);
        Assert.Equal("Body", feed.Items[0].Summary);
    }

    [Fact]
    public void Parse_WellFormedFeed_RecordsNoRepair() =>
        Assert.Empty(_parser.Parse("<rss version=\"2.0\"><channel><title>T</title></channel></rss>", FeedUrl).Repairs);

    [Fact]
    public void Parse_ExternalEntity_IsNeverFetched()
    {
        var secret = Path.Combine(Path.GetTempPath(), "monitor-xxe-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(secret, "TOP-SECRET");
        try
        {
            var xxe = $"""
                <?xml version="1.0"?>
                <!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>
                <rss version="2.0"><channel><title>T</title><item><title>&xxe;</title><link>https://example.com/x</link></item></channel></rss>
                """;

            var ex = Record.Exception(() => _parser.Parse(xxe, FeedUrl));

            Assert.IsType<FeedParseException>(ex);
            Assert.DoesNotContain("TOP-SECRET", ex.Message);
        }
        finally
        {
            File.Delete(secret);
        }
    }
}
