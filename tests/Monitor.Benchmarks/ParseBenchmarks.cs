using BenchmarkDotNet.Attributes;
using Monitor.Feeds;
using Monitor.Text;

namespace Monitor.Benchmarks;

/// <summary>
/// Cost of reading one downloaded feed (what <c>PollCycle</c> does for every feed that answers 200): <c>FeedParser.Parse</c>
/// on a 20-item RSS 2.0 document (a short <c>description</c> and the article in <c>content:encoded</c>, 58 KB) and a
/// 20-item Atom document (<c>summary</c> and <c>content type="html"</c>, 61 KB), both written by the load harness's
/// generator (<c>tests/Monitor.Load</c>, seed 9: feeds 00000 and 00003) and kept in <c>TestData/</c>; and the per-item
/// normalisation steps on their own: one article's HTML (2.4 KB) to text, the canonical URL of a link with tracking
/// parameters, and the feed's repeated lines (<c>Boilerplate.RepeatedLines</c> over its 20 items, once per feed).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class ParseBenchmarks
{
    private static readonly Uri FeedUrl = new("https://www.lakeside-herald-0.example/feed.xml");
    private const string TrackedLink = "https://WWW.Lakeside-Herald-0.example/news/2026/11/30/rail-strike-to-hit-omaha-commuters-0-0?utm_source=rss&utm_medium=feed&fbclid=IwAR0x&id=42#comments";

    private FeedParser _parser = null!;
    private HtmlText _htmlText = null!;
    private string _rss = "";
    private string _atom = "";
    private string _articleHtml = "";
    private List<string> _itemTexts = [];

    [GlobalSetup]
    public void Setup()
    {
        _htmlText = new HtmlText();
        _parser = new FeedParser(new XmlFeedParser(_htmlText), new JsonFeedParser(_htmlText));
        _rss = File.ReadAllText(TestData("rss-20-items.xml"));
        _atom = File.ReadAllText(TestData("atom-20-items.xml"));
        var start = _rss.IndexOf("<![CDATA[", StringComparison.Ordinal) + "<![CDATA[".Length;
        _articleHtml = _rss[start.._rss.IndexOf("]]>", start, StringComparison.Ordinal)];
        var rss = _parser.Parse(_rss, FeedUrl);
        var atom = _parser.Parse(_atom, FeedUrl);
        _itemTexts = rss.Items.Select(i => i.Content.Length > 0 ? i.Content : i.Summary).ToList();
        Console.WriteLine($"// RSS: {_rss.Length} characters, {rss.Items.Count} items, {rss.Items.Sum(i => i.Content.Length) / rss.Items.Count} characters of text an item; " +
            $"Atom: {_atom.Length} characters, {atom.Items.Count} items; article HTML {_articleHtml.Length} characters");
    }

    /// <summary>The file in this project's TestData/: beside the program, or (out of process) in the repository.</summary>
    private static string TestData(string name)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                foreach (var candidate in new[] { Path.Combine(dir.FullName, "TestData", name), Path.Combine(dir.FullName, "tests", "Monitor.Benchmarks", "TestData", name) })
                    if (File.Exists(candidate))
                        return candidate;
        throw new FileNotFoundException($"TestData/{name} not found above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}");
    }

    [Benchmark]
    public ParsedFeed ParseRss20Items() => _parser.Parse(_rss, FeedUrl);

    [Benchmark]
    public ParsedFeed ParseAtom20Items() => _parser.Parse(_atom, FeedUrl);

    [Benchmark]
    public string ArticleHtmlToText() => _htmlText.ToPlainText(_articleHtml);

    [Benchmark]
    public string? CanonicalUrl() => UrlCanonicalizer.Canonicalize(TrackedLink);

    [Benchmark]
    public IReadOnlySet<string> RepeatedLines20Items() => Boilerplate.RepeatedLines(_itemTexts);
}
