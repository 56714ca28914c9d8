using Monitor.Scoring;
using Monitor.Tests.Support;

namespace Monitor.Tests.Scoring;

public sealed class TermSuggesterTests : IDisposable
{
    private const string BankSeed =
        "The Bank of China said that the Bank of China would lend more to chipmakers in Shenzhen.\n" +
        "Analysts said the Bank of China lending rose in 2024, and that Huawei's suppliers in Shenzhen would gain.\n" +
        "Huawei's chips and Huawei's phones were the ones they named.";

    private const string FoundrySeed =
        "The foundry said that the new foundry lines in Shenzhen would start, and that wafer prices were rising.\n" +
        "The foundry lines were the talk of the trade fair, and wafer prices the worry.";

    private readonly TempConfig _config = new();

    public void Dispose() => _config.Dispose();

    private WatchlistSet Watchlists(string yaml)
    {
        _config.Write("proposed.yaml", yaml);
        return new WatchlistLoader().Load(_config.PathOf("proposed.yaml"));
    }

    private static TermSuggester Suggester() => new([("a.txt", BankSeed), ("b.txt", FoundrySeed)]);

    private static async IAsyncEnumerable<string> Stored(params string[] texts)
    {
        foreach (var text in texts)
        {
            await Task.Yield();
            yield return text;
        }
    }

    [Fact]
    public async Task Candidates_occur_twice_or_more_and_a_phrase_that_only_occurs_inside_a_longer_one_gives_way()
    {
        var found = await Suggester().SuggestAsync(Watchlists("watchlists:\n  - name: none\n    threshold: 1\n    terms: [zebra]\n"), Stored(), 100, CancellationToken.None);

        var surfaces = found.Suggestions.Select(s => s.Surface).ToList();
        Assert.Contains("Bank of China", surfaces);
        Assert.Contains("Huawei", surfaces);
        Assert.Contains("Shenzhen", surfaces);
        Assert.DoesNotContain("Bank", surfaces);
        Assert.DoesNotContain("lend", surfaces);
        Assert.DoesNotContain(surfaces, s => s.Contains("2024", StringComparison.Ordinal));
        var bank = found.Suggestions.Single(s => s.Surface == "Bank of China");
        Assert.Equal((3, 1, "a.txt"), (bank.Count, bank.SeedFiles, bank.ExampleFile));
        Assert.Equal("The Bank of China said that the Bank of China would lend…", bank.Example);
        var shenzhen = found.Suggestions.Single(s => s.Surface == "Shenzhen");
        Assert.Equal(2, shenzhen.SeedFiles);
        Assert.Equal(Enumerable.Range(1, found.Suggestions.Count), found.Suggestions.Select(s => s.Rank));
        Assert.Equal((0, 2), (found.StoredArticles, found.SeedFiles));
    }

    [Fact]
    public async Task A_phrase_the_stored_articles_use_weighs_less()
    {
        var watchlists = Watchlists("watchlists:\n  - name: none\n    threshold: 1\n    terms: [zebra]\n");

        var unused = await Suggester().SuggestAsync(watchlists, Stored("Nvidia results.", "Memory prices rose again.", "A quiet day."), 100, CancellationToken.None);
        var used = await Suggester().SuggestAsync(watchlists, Stored("Nvidia results.", "Wafer prices fell.", "Wafer prices rose again."), 100, CancellationToken.None);

        var rare = unused.Suggestions.Single(s => s.Surface == "wafer prices");
        var common = used.Suggestions.Single(s => s.Surface == "wafer prices");
        Assert.Equal((0, 2), (rare.StoredArticles, common.StoredArticles));
        Assert.True(common.Score < rare.Score, $"{common.Score} < {rare.Score}");
        Assert.Equal(3, used.StoredArticles);
        Assert.Equal(unused.Suggestions.Single(s => s.Surface == "Bank of China").Score, used.Suggestions.Single(s => s.Surface == "Bank of China").Score);
    }

    [Fact]
    public async Task Candidates_a_watchlist_term_or_exclude_matches_are_left_out()
    {
        var watchlists = Watchlists("""
            watchlists:
              - name: banks
                threshold: 1
                terms: [China, "foundry NEAR/3 lines"]
                exclude: [wafer]
            """);

        var found = await Suggester().SuggestAsync(watchlists, Stored(), 100, CancellationToken.None);

        var surfaces = found.Suggestions.Select(s => s.Surface).ToList();
        // A term inside a candidate does not cover it: "Bank of China" is a new name even though "China" is a term.
        Assert.Contains("Bank of China", surfaces);
        Assert.DoesNotContain("China", surfaces);
        Assert.DoesNotContain("foundry lines", surfaces);
        Assert.Contains("wafer prices", surfaces);
        Assert.DoesNotContain("wafer", surfaces);
        Assert.Contains("Huawei", surfaces);
        Assert.Contains("foundry", surfaces);
        Assert.True(found.Covered >= 1, $"covered {found.Covered}");
        Assert.Equal(found.Uncovered, found.Suggestions.Count);
    }
}
