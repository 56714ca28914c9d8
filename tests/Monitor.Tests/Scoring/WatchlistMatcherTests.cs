using Monitor.Scoring;
using Monitor.Tests.Support;

namespace Monitor.Tests.Scoring;

public sealed class WatchlistMatcherTests : IDisposable
{
    private readonly TempConfig _config = new();
    private readonly WatchlistMatcher _matcher = new();
    private readonly WatchlistSet _watchlists;

    public WatchlistMatcherTests() => _watchlists = new WatchlistLoader().Load(_config.PathOf("watchlists.yaml"));

    public void Dispose() => _config.Dispose();

    private WatchlistScore Score(string title, string summary = "", string content = "") =>
        Assert.Single(_matcher.Score(_watchlists, title, summary, content).Scores);

    [Fact]
    public void Score_OfATextNotInEnglish_KeepsTheBetterOfItsOwnAndItsEnglishRendering()
    {
        const string Title = "Der Konzern darf seine Grafikprozessoren nicht mehr liefern";
        const string Body = "Die Regierung hat die Lieferungen des Konzerns an Kunden in der Volksrepublik gestoppt, sagte das Ministerium.";
        var translated = new WatchlistMatcher(SeedVocabulary.Empty, (text, language) =>
            language == "de" ? (text == Title ? "Nvidia hit by new export controls" : "The government stopped the deliveries.") : null);

        var own = Assert.Single(_matcher.Score(_watchlists, Title, Body, "").Scores);
        var both = Assert.Single(translated.Score(_watchlists, Title, Body, "").Scores);

        Assert.False(own.IsRelevant);
        Assert.True(both.IsRelevant);
        Assert.True(both.Translated);
        Assert.Equal(["export controls", "Nvidia"], both.Matches.Select(m => m.Term).Order());
    }

    [Fact]
    public void Score_OfAnEnglishText_IsNotTranslated()
    {
        var calls = 0;
        var matcher = new WatchlistMatcher(SeedVocabulary.Empty, (_, _) => { calls++; return "Nvidia export controls"; });

        var score = Assert.Single(matcher.Score(_watchlists, "The weather in the city was mild", "It was mild and the roads were busy all day.", "").Scores);

        Assert.Equal(0, calls);
        Assert.False(score.Translated);
    }

    [Fact]
    public void Score_IsTheSumOfTheWeightsOfTheDistinctTermsFound()
    {
        var score = Score("Nvidia hit by new export controls", "Nvidia says export controls will cost it billions.");

        // Both terms are in the title (boost 1.5 by default): (3 + 2) × 1.5.
        Assert.Equal(7.5, score.Score);
        Assert.True(score.IsRelevant);
        Assert.Equal(["export controls", "Nvidia"], score.Matches.Select(m => m.Term).Order());
    }

    [Fact]
    public void Score_IsCaseAndAccentInsensitive_AndMatchesSynonymsAndPlurals()
    {
        var score = Score("Les CONTROLES A L'EXPORTATION visent les puces d'ASML");

        Assert.Equal(["ASML", "chips", "export controls"], score.Matches.Select(m => m.Term).Order());
        Assert.Contains(score.Matches, m => m.Term == "export controls" && m.MatchedPhrase == "contrôles à l'exportation" && m.Form == "CONTROLES A L'EXPORTATION");
        Assert.Equal(9, score.Score);
    }

    [Fact]
    public void Score_MatchesWholeWordsOnly()
    {
        var score = Score("The EUVL consortium meets Nvidiaesque startups", "A smicro-controller and asmlx.");

        Assert.Equal(0, score.Score);
        Assert.Empty(score.Matches);
    }

    [Fact]
    public void Score_PhraseMustBeContiguous()
    {
        var score = Score("Export of soybeans rises while controls on beef ease");

        Assert.Equal(0, score.Score);
    }

    [Fact]
    public void Score_RecordsWhereTheTermWasFound()
    {
        var score = Score("Market update", "Nothing here", "Deep in the body: EUV.");

        var match = Assert.Single(score.Matches);
        Assert.Equal("content", match.Field);
        Assert.Equal(3, match.Weight);
        Assert.False(score.IsRelevant);
    }
}
