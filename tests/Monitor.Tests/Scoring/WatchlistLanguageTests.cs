using Monitor.Scoring;
using Monitor.Tests.Support;
using Monitor.Text;

namespace Monitor.Tests.Scoring;

/// <summary>
/// The watchlist language end to end: a watchlists.yaml written to disk, loaded, and matched against articles —
/// analyzers per language, proximity, regular expressions, excludes, require groups, boosts and the seed bonus.
/// </summary>
public sealed class WatchlistLanguageTests : IDisposable
{
    private readonly TempConfig _config = new();

    public void Dispose() => _config.Dispose();

    private WatchlistSet Load(string yaml)
    {
        _config.Write("watchlists.yaml", yaml);
        return new WatchlistLoader().Load(_config.PathOf("watchlists.yaml"));
    }

    private static WatchlistScore One(ScoredArticle scored) => Assert.Single(scored.Scores);

    private const string Chips = """
        watchlists:
          - name: chips
            threshold: 4
            terms:
              - term: export controls
                weight: 3
                synonyms: ["contrôles à l'exportation", "Nvidia NEAR/5 ban"]
              - term: EUV
                weight: 3
              - term: chips
                weight: 1
                synonyms: [puce, semiconductor]
              - term: China
                weight: 1
                synonyms: [Chine, 中国, 중국]
        """;

    [Theory]
    [InlineData("Les puces chinoises", "puces")]                        // French plural
    [InlineData("Une puce chinoise", "puce")]
    [InlineData("New semiconductors for China's labs", "semiconductors")] // English plural
    [InlineData("Nouveaux contrôles à l'exportation", "contrôles à l'exportation")]
    [InlineData("Nouveaux controles a l'exportation", "controles a l'exportation")] // accents typed or not
    [InlineData("Nouveaux contrôles à l’exportation", "contrôles à l’exportation")] // typographic apostrophe
    public void Analyzers_FoldCaseAccentsElisionAndPlurals(string title, string expectedForm)
    {
        var set = Load(Chips);
        var score = One(new WatchlistMatcher().Score(set, title, "Un article sur la politique et les marchés, avec des détails.", ""));

        Assert.Contains(score.Matches, m => m.Form == expectedForm);
    }

    [Theory]
    [InlineData("EUVL consortium meets")]
    [InlineData("The NEUV project")]
    [InlineData("Ils peuvent attendre")]
    public void Analyzers_NeverMatchInsideAnotherWord(string title)
    {
        var set = Load(Chips);
        var score = One(new WatchlistMatcher().Score(set, title, "", ""));

        Assert.DoesNotContain(score.Matches, m => m.Term == "EUV");
    }

    [Fact]
    public void Analyzers_MatchChineseAndKoreanTermsInsideUnsegmentedText()
    {
        var set = Load(Chips);
        var zh = One(new WatchlistMatcher().Score(set, "", "", "美国对中国实施新的出口管制措施。"));
        var ko = One(new WatchlistMatcher().Score(set, "", "", "미국은 중국에 대한 수출 통제를 강화했다."));

        Assert.Contains(zh.Matches, m => m.Term == "China" && m.Form == "中国");
        Assert.Contains(ko.Matches, m => m.Term == "China" && m.Form == "중국");
    }

    [Fact]
    public void Analyzers_SplitSentencesGluedByAMissingSpace()
    {
        var set = Load(Chips);
        var score = One(new WatchlistMatcher().Score(set, "", "", "Talks stalled on semiconductors.China answered with new rules."));

        Assert.Contains(score.Matches, m => m.Term == "China");
        Assert.Contains(score.Matches, m => m.Term == "chips");
    }

    [Theory]
    [InlineData("Washington says Nvidia faces a ban on sales", true)]       // 2 words between
    [InlineData("A ban that Washington imposed hits Nvidia", true)]          // either order
    [InlineData("Nvidia reported record revenue from data centres in the quarter, while a ban on TikTok was debated", false)]
    public void Near_MatchesBothPhrasesWithinTheDistance(string title, bool expected)
    {
        var set = Load(Chips);
        var score = One(new WatchlistMatcher().Score(set, title, "", ""));

        Assert.Equal(expected, score.Matches.Any(m => m.Term == "export controls" && m.MatchedPhrase == "Nvidia NEAR/5 ban"));
    }

    [Fact]
    public void Boosts_TitleCountsMoreThanBody_AndTheyAreConfigurable()
    {
        var set = Load("""
            defaults:
              boosts: { title: 2, summary: 1, content: 0.5 }
            watchlists:
              - name: chips
                threshold: 4
                terms:
                  - term: EUV
                    weight: 3
              - name: flat
                threshold: 4
                boosts: { title: 1, content: 1 }
                terms:
                  - term: EUV
                    weight: 3
            """);
        var inTitle = new WatchlistMatcher().Score(set, "EUV tools", "", "EUV again");
        var inBody = new WatchlistMatcher().Score(set, "Tools", "", "EUV in the body");

        Assert.Equal(6, inTitle.Scores[0].Score);
        Assert.Equal("title", inTitle.Scores[0].Matches[0].Field);
        Assert.Equal(1.5, inBody.Scores[0].Score);
        Assert.Equal(3, inTitle.Scores[1].Score);
        Assert.Equal(3, inBody.Scores[1].Score);
    }

    [Fact]
    public void Exclude_VetoesTheWatchlist_OrSubtractsItsPenalty()
    {
        var set = Load("""
            watchlists:
              - name: veto
                threshold: 4
                terms:
                  - term: export ban
                    weight: 4
                exclude:
                  - term: soybeans
              - name: penalty
                threshold: 4
                terms:
                  - term: export ban
                    weight: 4
                exclude:
                  - term: soybeans
                    synonyms: [soja]
                    penalty: 1
            """);
        var scored = new WatchlistMatcher().Score(set, "", "", "China's export ban hits soybeans.");

        Assert.Equal(0, scored.Scores[0].Score);
        Assert.Equal(4, scored.Scores[0].RawScore);
        Assert.Equal("soybeans", Assert.Single(scored.Scores[0].Excluded).Term);
        Assert.Equal(3, scored.Scores[1].Score);
        Assert.False(scored.IsRelevant);
        Assert.Equal(4, new WatchlistMatcher().Score(set, "", "", "China's export ban hits chips.").Scores[0].Score);
    }

    [Fact]
    public void Require_GroupsOfTermsMustBeMet()
    {
        var set = Load("""
            watchlists:
              - name: chips
                threshold: 4
                terms:
                  - term: export controls
                    weight: 4
                  - term: China
                    synonyms: [Beijing]
                  - term: United States
                    synonyms: [Washington]
                  - term: chips
                require:
                  - any: [China, United States]
                  - all: [chips]
            """);
        var matcher = new WatchlistMatcher();

        var japanKorea = One(matcher.Score(set, "", "", "Japan tightens export controls on chips to South Korea."));
        var usChina = One(matcher.Score(set, "", "", "Washington tightens export controls on chips."));
        var noChips = One(matcher.Score(set, "", "", "Beijing tightens export controls on rare earths."));

        Assert.Equal(0, japanKorea.Score);
        Assert.Equal("any of [China, United States]", japanKorea.UnmetRequirement);
        Assert.Equal(6, usChina.Score);
        Assert.Null(usChina.UnmetRequirement);
        Assert.Equal("all of [chips]", noChips.UnmetRequirement);
    }

    [Fact]
    public void Regex_MatchesWithItsForm()
    {
        var set = Load("""
            watchlists:
              - name: eccn
                threshold: 2
                terms:
                  - term: ECCN
                    weight: 2
                    regex: ['\b3A09[0-9]\b']
            """);
        var score = One(new WatchlistMatcher().Score(set, "", "", "Items classified under 3A090 need a licence."));

        Assert.Equal("3A090", Assert.Single(score.Matches).Form);
        Assert.True(score.IsRelevant);
    }

    [Fact]
    public void Regex_ThatBacktracksForeverCountsAsNotMatching()
    {
        var set = Load("""
            watchlists:
              - name: evil
                threshold: 1
                terms:
                  - term: evil
                    regex: ['^(a+)+$']
                  - term: chips
            """);
        var hostile = new string('a', 10_000) + "!";
        var score = One(new WatchlistMatcher().Score(set, "", "chips", hostile));

        Assert.Equal(["chips"], score.Matches.Select(m => m.Term));
    }

    [Fact]
    public void SeedBonus_IsAddedWhenTheVocabularyIsCloseToASeed_AndATermMatched()
    {
        var set = Load("""
            defaults:
              seed_similarity: { min: 0.3, bonus: 2 }
            watchlists:
              - name: funds
                threshold: 4
                terms:
                  - term: China
                    weight: 2
            """);
        var seedText = "The Bank of China announced a trillion yuan plan to finance the artificial intelligence industry chain over five years, "
            + "supporting computing centres, data infrastructure, model developers and robotics companies across the provinces.";
        var seeds = new SeedVocabulary([("seed.txt", seedText), ("other.txt", "Football results: the club won the derby after extra time and penalties in front of a home crowd.")]);
        var matcher = new WatchlistMatcher(seeds);

        var close = matcher.Score(set, "", "", "China: the Bank of China will finance the artificial intelligence industry chain with a trillion yuan over five years, "
            + "for computing centres, data infrastructure and model developers, the bank said, adding that robotics companies in several provinces will also get loans.");
        var far = matcher.Score(set, "", "", "China: heavy rain is expected across the southern coast this weekend, forecasters warned, with flooding likely in low-lying "
            + "districts, ferries cancelled and schools closed on Monday while emergency crews clear roads blocked by landslides.");

        Assert.True(close.SeedSimilarity >= 0.3, $"similarity {close.SeedSimilarity}");
        Assert.Equal("seed.txt", close.ClosestSeed);
        Assert.Equal(2, close.Scores[0].SeedBonus);
        Assert.Equal(4, close.Scores[0].Score);
        Assert.Equal(0, far.Scores[0].SeedBonus);
        Assert.Equal(2, far.Scores[0].Score);
    }

    [Fact]
    public void TextAnalysis_KeepsOffsetsIntoTheOriginalText()
    {
        Assert.Equal(["puce", "chinois"], TextAnalysis.Terms(TextAnalysis.French, "Puces chinoises"));
        Assert.Equal(["china", "chip"], TextAnalysis.Terms(TextAnalysis.English, "China's chips"));
        Assert.Equal("chatbots According", TextAnalysis.Unglue("chatbots.According"));
        Assert.Equal("U.S. e.g. 3.5", TextAnalysis.Unglue("U.S. e.g. 3.5"));
    }

    private const string Korean = """
        watchlists:
          - name: chips
            threshold: 1
            terms:
              - H20
              - EUV
              - ASML
              - Nvidia
              - 반도체
              - 억 위안
        """;

    [Fact]
    public void Analyzers_SplitKoreanParticlesFromLatinNamesAndNumbers()
    {
        var set = Load(Korean);
        var score = One(new WatchlistMatcher().Score(set, "", "",
            "엔비디아가 H20을 중국에 팔지 못한다. ASML은 EUV를 수출하지 못한다. AI반도체 투자는 3,000억 위안에 달한다. Nvidia's 매출"));

        Assert.Equal(["H20", "EUV", "ASML", "Nvidia", "반도체", "억 위안"], score.Matches.Select(m => m.Term));
        Assert.Equal(["H20", "EUV", "ASML", "Nvidia's", "반도체", "억 위안"], score.Matches.Select(m => m.Form));
    }

    [Fact]
    public void HostileRepetition_IsReadUpToTheCap_AndFormsAreShortSingleLines()
    {
        var set = Load("""
            watchlists:
              - name: chips
                threshold: 1
                terms:
                  - term: China
                    synonyms: ["China NEAR/3 ban"]
                  - term: pages
                    regex: ['Beijing.*']
            """);
        var hostile = string.Concat(Enumerable.Repeat("China ban. ", 200_000));
        var score = One(new WatchlistMatcher().Score(set, "", "Beijing\u001b[31m " + new string('x', 5_000), hostile));

        Assert.Equal(["China", "pages"], score.Matches.Select(m => m.Term));
        var form = score.Matches[1].Form!;
        Assert.Equal(201, form.Length);
        Assert.EndsWith("…", form, StringComparison.Ordinal);
        Assert.DoesNotContain(form, char.IsControl);
    }

    [Theory]
    [InlineData(1499)]   // the language sample (1,500 characters) ends inside the emoji
    [InlineData(10)]
    public void BrokenSurrogates_AreWordBreaks_NotFailures(int letters)
    {
        var set = Load(Chips);
        var cut = new string('a', letters) + " 😀 semiconductor \uD800 China \uDC00";

        var score = One(new WatchlistMatcher().Score(set, "", "", cut));
        var fingerprint = new Monitor.Dedup.Deduplicator(Monitor.Dedup.SeedCorpus.Load("/nonexistent", 5, new HtmlText(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance),
            Microsoft.Extensions.Options.Options.Create(new Monitor.Dedup.DedupOptions()), TimeProvider.System).Fingerprint("Title \uD800", "", cut);

        Assert.Equal(["chips", "China"], score.Matches.Select(m => m.Term));
        Assert.NotNull(fingerprint);
    }
}
