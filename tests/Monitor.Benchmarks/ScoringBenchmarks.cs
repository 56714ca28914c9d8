using BenchmarkDotNet.Attributes;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Dedup;
using Monitor.Scoring;
using Monitor.Text;

namespace Monitor.Benchmarks;

/// <summary>
/// Cost of scoring one article against the shipped watchlists (<c>config/watchlists.yaml</c>) with the seed vocabulary
/// of the real <c>seeds/</c> (what <c>PollCycle</c> does for every new article after dedup), and of its steps on
/// their own: the language guess on the matcher's sample, one Lucene analyzer chain over a 2,000-character text, and
/// Lucene's <c>StandardTokenizer</c> alone (the first stage of every chain).
/// <para>
/// Articles are <see cref="SyntheticNews"/> prose: a feed item is a title and a ~300-character summary with no content
/// (what most RSS items carry), a long article a title and ~2,000 characters of content, a headline a title alone
/// (language unknown, so analysed as English and as French). Op/s (from the mean) is articles per second on one core
/// for the <c>Score</c> rows: a benchmark runs on one thread. The median and minimum are shown because the machine the
/// figures in docs/benchmarks.md come from is shared: other processes only ever add time.
/// </para>
/// <para>
/// The short job of <see cref="FingerprintBenchmarks"/>, out of process: the state is small, and in one process the
/// benchmark run first would decide what the JIT's profile-guided optimisation makes of <c>Score</c> for all the others.
/// </para>
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
[OperationsPerSecond]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class ScoringBenchmarks
{
    private const int SummaryCharacters = 300;

    /// <summary>A headline alone, too short for the language guess (no function word): read as English and as French.</summary>
    private const string Headline = "Nvidia halts H20 chip sales in China after new US export curbs";

    private WatchlistSet _watchlists = null!;
    private WatchlistMatcher _matcher = null!;
    private Article _feedEnglish = null!;
    private Article _feedFrench = null!;
    private Article _longEnglish = null!;
    private Article _longFrench = null!;
    private string _feedSample = "";
    private string _longSample = "";
    private readonly TokenCounter _counter = new();

    [GlobalSetup]
    public void Setup()
    {
        var repo = RepositoryFolder();
        var path = repo is null
            ? Path.Combine(AppContext.BaseDirectory, "defaults", "config", WatchlistLoader.FileName)
            : Path.Combine(repo, "config", WatchlistLoader.FileName);
        _watchlists = new WatchlistLoader().Load(path);
        var seedsFolder = repo is null ? Path.Combine(AppContext.BaseDirectory, "seeds") : Path.Combine(repo, "seeds");
        var corpus = SeedCorpus.Load(seedsFolder, new DedupOptions().ShingleSize, new HtmlText(), NullLogger.Instance);
        _matcher = new WatchlistMatcher(SeedVocabulary.From(corpus));

        var english = SyntheticNews.English(3);
        var french = SyntheticNews.French(4);
        _feedEnglish = new Article(english.Title, Summary(SyntheticNews.English(5, SummaryCharacters).Content), "");
        _feedFrench = new Article(french.Title, Summary(SyntheticNews.French(6, SummaryCharacters).Content), "");
        _longEnglish = new Article(english.Title, "", english.Content);
        _longFrench = new Article(french.Title, "", french.Content);
        // What the matcher hands to the language guess: the non-empty fields joined, cut at 1,500 characters.
        _feedSample = _feedEnglish.Title + "\n" + _feedEnglish.Summary;
        _longSample = (_longEnglish.Title + "\n" + _longEnglish.Content)[..1500];

        Console.WriteLine($"// Watchlists: {path}, {_watchlists.Watchlists.Count} watchlists, {_watchlists.Watchlists.Sum(w => w.Terms.Count + w.Excludes.Count)} terms and excludes, " +
            $"{_watchlists.Watchlists.Sum(w => w.Terms.Concat(w.Excludes).Sum(t => t.Patterns.Count))} patterns, {_watchlists.Phrases.Count} distinct phrases; " +
            $"seeds: {seedsFolder}, {corpus.FileCount} files");
        Describe("Headline", new Article(Headline, "", ""));
        Describe("English feed item", _feedEnglish);
        Describe("French feed item", _feedFrench);
        Describe("English long article", _longEnglish);
        Describe("French long article", _longFrench);
        foreach (var analyzer in TextAnalysis.Keys)
            Console.WriteLine($"// Analyzer '{analyzer}' on the {(analyzer == TextAnalysis.French ? "French" : "English")} content: {CountTokens(analyzer)} tokens");
    }

    private void Describe(string name, Article article)
    {
        var scored = _matcher.Score(_watchlists, article.Title, article.Summary, article.Content);
        var best = scored.Scores.OrderByDescending(s => s.Score).First();
        Console.WriteLine($"// {name}: title {article.Title.Length}, summary {article.Summary.Length}, content {article.Content.Length} characters; " +
            $"language '{scored.Language}', seed similarity {scored.SeedSimilarity:0.000}, {scored.Scores.Sum(s => s.Matches.Count)} term matches; " +
            $"best {best.Watchlist} {best.Score:0.##}/{best.Threshold:0.##}: {string.Join(", ", best.Matches.Select(m => m.Term))}");
    }

    private int CountTokens(string analyzer)
    {
        _counter.Count = 0;
        TextAnalysis.Analyze(analyzer, analyzer == TextAnalysis.French ? _longFrench.Content : _longEnglish.Content, _counter);
        return _counter.Count;
    }

    [Benchmark]
    public ScoredArticle ScoreHeadline() => _matcher.Score(_watchlists, Headline, "", "");

    [Benchmark]
    public ScoredArticle ScoreFeedItemEnglish() => Score(_feedEnglish);

    [Benchmark]
    public ScoredArticle ScoreFeedItemFrench() => Score(_feedFrench);

    [Benchmark]
    public ScoredArticle ScoreLongEnglish() => Score(_longEnglish);

    [Benchmark]
    public ScoredArticle ScoreLongFrench() => Score(_longFrench);

    [Benchmark]
    public string LanguageGuessFeedItem() => LanguageGuess.Of(_feedSample);

    [Benchmark]
    public string LanguageGuessLong() => LanguageGuess.Of(_longSample);

    [Benchmark]
    public int AnalyzeEnglish() => CountTokens(TextAnalysis.English);

    [Benchmark]
    public int AnalyzeFrench() => CountTokens(TextAnalysis.French);

    [Benchmark]
    public int AnalyzeGerman() => CountTokens(TextAnalysis.German);

    [Benchmark]
    public int AnalyzeOther() => CountTokens(TextAnalysis.Other);

    /// <summary>Lucene's <c>StandardTokenizer</c> alone over the English content (a new tokenizer each time, as a reader would be).</summary>
    [Benchmark]
    public int StandardTokenizerEnglish()
    {
        using var tokenizer = new StandardTokenizer(LuceneVersion.LUCENE_48, new StringReader(_longEnglish.Content));
        var term = tokenizer.AddAttribute<ICharTermAttribute>();
        tokenizer.Reset();
        var count = 0;
        while (tokenizer.IncrementToken())
            count += term.Length > 0 ? 1 : 0;
        tokenizer.End();
        return count;
    }

    private ScoredArticle Score(Article article) => _matcher.Score(_watchlists, article.Title, article.Summary, article.Content);

    /// <summary>The first <see cref="SummaryCharacters"/> characters or so of <paramref name="text"/>, cut at a space.</summary>
    private static string Summary(string text) =>
        text.Length <= SummaryCharacters ? text : text[..text.LastIndexOf(' ', SummaryCharacters)];

    /// <summary>The repository (the folder with Monitor.sln, config/ and seeds/), found from the program's folder or the current one.</summary>
    private static string? RepositoryFolder()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Monitor.sln")) && Directory.Exists(Path.Combine(dir.FullName, "config")) && Directory.Exists(Path.Combine(dir.FullName, "seeds")))
                    return dir.FullName;
        return null;
    }

    private sealed record Article(string Title, string Summary, string Content);

    private sealed class TokenCounter : ITokenSink
    {
        public int Count { get; set; }

        public void Token(ReadOnlySpan<char> term, int position, int start, int end) => Count++;
    }
}
