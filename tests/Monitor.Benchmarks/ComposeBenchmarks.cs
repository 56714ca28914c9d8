using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monitor.Digest;
using Monitor.Scoring;
using Monitor.Storage;

namespace Monitor.Benchmarks;

/// <summary>
/// Cost of composing one recipient's digest from its candidates (what <c>DigestCycle</c> does after the candidate
/// query): group the reports of one story, keep each story once under its best-scored qualifying report, rank each
/// watchlist's items and keep <c>Digest:MaxItemsPerWatchlist</c> (50), then render the HTML and text
/// (<see cref="DigestBenchmarks"/> times the rendering alone). <see cref="Candidates"/> candidates spread over the six
/// shipped watchlists, scores 4–14, one in five sharing its story with one or two others, 300–600-character summaries:
/// 3,000 is what the load harness's 500 × 20 run leaves for the first digest (2,972 relevant articles).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class ComposeBenchmarks
{
    private DigestComposer _composer = null!;
    private WatchlistSet _watchlists = null!;
    private List<DigestCandidate> _candidates = [];
    private readonly RecipientOptions _recipient = new() { Address = "analyst@example.org", Name = "Analyst" };
    private readonly DateTimeOffset _now = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);

    [Params(300, 3000)]
    public int Candidates { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = Options.Create(new DigestOptions());
        var renderer = new DigestRenderer(
            new DigestTemplates(Path.Combine(Path.GetTempPath(), "monitor-bench-no-templates"), NullLogger<DigestTemplates>.Instance),
            new DigestSanitizer(options, NullLogger<DigestSanitizer>.Instance), NullLogger<DigestRenderer>.Instance);
        _composer = new DigestComposer(renderer, options);
        _watchlists = new WatchlistLoader().Load(WatchlistsPath());

        var random = new Random(11);
        var sentence = "The Commerce Department widened export controls on advanced AI chips bound for China on Tuesday, adding Nvidia's H20 to the processors that need a licence. ";
        var story = "";
        for (var i = 0; i < Candidates; i++)
        {
            var watchlist = _watchlists.Watchlists[random.Next(_watchlists.Watchlists.Count)];
            var terms = watchlist.Terms.OrderBy(_ => random.Next()).Take(3)
                .Select(t => new TermMatch(t.Term, t.Term, random.Next(2) == 0 ? "title" : "content", t.Weight)).ToList();
            var scores = new List<StoredScore> { new(watchlist.Name, 4 + random.Next(0, 21) / 2.0, terms) };
            // One in five reports another site's copy of the previous story.
            story = i > 0 && random.Next(5) == 0 ? story : "story-" + i;
            _candidates.Add(new DigestCandidate(i + 1, $"Report {i} on {watchlist.Title}: officials weigh the next step", $"https://news{i % 97}.example.org/articles/{i}",
                $"https://news{i % 97}.example.org/feed.xml", $"Site {i % 97}", string.Concat(Enumerable.Repeat(sentence, 2 + random.Next(3))),
                _now.AddMinutes(-7 * i), _now.AddMinutes(-5 * i), scores, story));
        }
    }

    [Benchmark]
    public ComposedDigest? Compose() =>
        _composer.Compose(_recipient, _candidates, _watchlists, [], [], _now);

    private static string WatchlistsPath()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Monitor.sln")) && File.Exists(Path.Combine(dir.FullName, "config", WatchlistLoader.FileName)))
                    return Path.Combine(dir.FullName, "config", WatchlistLoader.FileName);
        return Path.Combine(AppContext.BaseDirectory, "defaults", "config", WatchlistLoader.FileName);
    }
}
