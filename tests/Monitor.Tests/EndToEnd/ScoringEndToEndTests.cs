using MimeKit;
using Monitor.Tests.Support;

namespace Monitor.Tests.EndToEnd;

/// <summary>
/// Scores as the analyst meets them, through real <c>monitor once</c> and <c>monitor explain</c> processes: the
/// stored explanation (each term's form, field, weight and boost; the exclude and requirement that vetoed a watchlist;
/// the language) and the matched words highlighted in the digest's snippet.
/// </summary>
public sealed class ScoringEndToEndTests : IAsyncLifetime
{
    private const string Watchlists = """
        watchlists:
          - name: chips
            title: Chip export controls
            threshold: 4
            terms:
              - term: export controls
                weight: 3
                synonyms: ["contrôles à l'exportation", "Nvidia NEAR/6 ban"]
              - term: chips
                weight: 1
                synonyms: [puce, semiconductor]
              - term: China
                weight: 1
                synonyms: [Chine, Beijing, Pékin]
            require:
              - any: [China]
            exclude:
              - term: farm trade
                synonyms: [soybeans, soja]
                penalty: 1
        """;

    private FeedServer _feeds = null!;
    private readonly TempConfig _config = new();

    public async Task InitializeAsync() => _feeds = await FeedServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _feeds.DisposeAsync();
        _config.Dispose();
    }

    [Fact]
    public async Task Explain_shows_every_step_of_a_score_and_the_digest_highlights_the_matched_words()
    {
        _config.Write("watchlists.yaml", Watchlists);
        _feeds.Serve("rss.xml", SampleFeeds.Rss("Wire",
            ("Pékin répond aux contrôles à l'exportation", "https://wire.example.test/fr",
                "La Chine a annoncé mardi des mesures contre les nouveaux contrôles à l'exportation américains sur les puces, "
                + "qui visent ses laboratoires et ses fabricants de serveurs. Les exportations de soja sont aussi touchées, selon le ministère.",
                TimeSpan.FromHours(2)),
            ("Japan tightens export controls on chip materials to South Korea", "https://wire.example.test/jp",
                "Tokyo will require licences for three materials used to make semiconductors, in a dispute with Seoul over wartime labour.",
                TimeSpan.FromHours(1))));
        _config.Feeds(_feeds.Url("rss.xml"));

        var once = await MonitorProcess.RunAsync(_config.Args("once"));
        var french = await MonitorProcess.RunAsync(_config.Args("explain", "https://wire.example.test/fr"));
        var japan = await MonitorProcess.RunAsync(_config.Args("explain", "https://wire.example.test/jp"));

        Assert.True(once.ExitCode == 0, once.AllOutput);
        Assert.True(french.ExitCode == 0, french.AllOutput);
        var fr = french.StandardOutput;
        Assert.Contains("language:  fr", fr);
        // Title boost 1.5: export controls 3 × 1.5, China ("Pékin") 1 × 1.5; chips ("puces") in the summary 1 × 1; soybeans −1.
        Assert.Contains("score:     chips 6 >= threshold 4: goes in the digest of the recipients of chips", fr);
        Assert.Contains("+4.5   export controls: \"contrôles à l'exportation\" in title, weight 3 x boost 1.5", fr);
        Assert.Contains("+1.5   China: \"Pékin\" in title, weight 1 x boost 1.5", fr);
        Assert.Contains("+1     chips: \"puce\" (written \"puces\") in summary, weight 1 x boost 1", fr);
        Assert.True(fr.Contains("-1     exclude farm trade: \"soja\" in summary", StringComparison.Ordinal), fr);
        Assert.Contains("seeds:     vocabulary not compared (no watchlist has a seed bonus)", fr);

        Assert.True(japan.ExitCode == 0, japan.AllOutput);
        Assert.Contains("score:     chips 0 < threshold 4: not in the digest", japan.StandardOutput);
        Assert.Contains("veto   require any of [China]: not met", japan.StandardOutput);
        Assert.Contains("(terms and bonus gave 6)", japan.StandardOutput);

        // The digest applies the threshold in force now to stored scores; explain says so.
        _config.Write("watchlists.yaml", Watchlists.Replace("threshold: 4", "threshold: 7", StringComparison.Ordinal));
        var raised = await MonitorProcess.RunAsync(_config.Args("explain", "https://wire.example.test/fr"));
        Assert.Contains("score:     chips 6 < threshold 7 (it was 4 when scored): not in the digest", raised.StandardOutput);

        var mail = Assert.Single(Directory.GetFiles(Path.Combine(_config.DataFolder, "mail"), "*.eml"));
        var html = (await MimeMessage.LoadAsync(mail)).HtmlBody ?? "";
        var marked = System.Text.RegularExpressions.Regex.Matches(html, "<mark[^>]*>(.*?)</mark>").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(["Chine", "contrôles à l'exportation", "puces"], marked);
        Assert.DoesNotContain("Japan tightens", html);
    }
}
