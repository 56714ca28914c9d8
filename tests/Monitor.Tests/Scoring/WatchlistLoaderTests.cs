using Monitor.Configuration;
using Monitor.Scoring;
using Monitor.Tests.Support;

namespace Monitor.Tests.Scoring;

public sealed class WatchlistLoaderTests : IDisposable
{
    private readonly TempConfig _config = new();

    public void Dispose() => _config.Dispose();

    private IReadOnlyList<ConfigProblem> Problems(string yaml)
    {
        _config.Write("watchlists.yaml", yaml);
        return Assert.Throws<ConfigurationException>(() => new WatchlistLoader().Load(_config.PathOf("watchlists.yaml"))).Problems;
    }

    [Fact]
    public void Load_ShippedWatchlists_CoverTheThemes()
    {
        var set = new WatchlistLoader().Load(Path.Combine(AppContext.BaseDirectory, "defaults", "config", "watchlists.yaml"));

        var terms = set.Watchlists.SelectMany(w => w.Terms).SelectMany(t => t.Patterns).Select(p => p.Text).ToList();
        foreach (var expected in new[] { "export controls", "EUV", "Nvidia", "Huawei", "SMIC", "ASML", "DeepSeek" })
            Assert.Contains(terms, t => string.Equals(t, expected, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(terms, t => t.Contains("exportation", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Load_ShorthandTerm_HasWeightOne()
    {
        _config.Write("watchlists.yaml", "watchlists:\n  - name: a\n    threshold: 1\n    terms: [Nvidia]\n");

        var term = Assert.Single(Assert.Single(new WatchlistLoader().Load(_config.PathOf("watchlists.yaml")).Watchlists).Terms);

        Assert.Equal(1, term.Weight);
        Assert.Equal("Nvidia", term.Term);
    }

    [Fact]
    public void Load_UnknownKey_IsRejectedWithItsLine()
    {
        var problem = Assert.Single(Problems("watchlists:\n  - name: a\n    threshold: 1\n    treshold: 2\n    terms: [Nvidia]\n"));

        Assert.Equal(4, problem.Line);
        Assert.Equal("watchlists[0].treshold", problem.Key);
        Assert.Contains("unknown key", problem.Message);
    }

    [Fact]
    public void Load_DuplicateNames_AreRejected()
    {
        var problem = Assert.Single(Problems("watchlists:\n  - name: a\n    threshold: 1\n    terms: [xenon]\n  - name: A\n    threshold: 1\n    terms: [yttrium]\n"));

        Assert.Equal("watchlists[1].name", problem.Key);
    }

    [Fact]
    public void Load_NonNumericThreshold_IsRejected()
    {
        var problem = Assert.Single(Problems("watchlists:\n  - name: a\n    threshold: high\n    terms: [x]\n"));

        Assert.Equal("watchlists[0].threshold", problem.Key);
        Assert.Equal("must be a number (got 'high')", problem.Message);
    }

    [Fact]
    public void Load_TermOfPunctuationOnly_IsRejected()
    {
        var problem = Assert.Single(Problems("watchlists:\n  - name: a\n    threshold: 1\n    terms:\n      - term: x\n        synonyms: [\"!!!\"]\n"));

        Assert.Equal("watchlists[0].terms[0].synonyms[0]", problem.Key);
        Assert.Contains("no letters or digits", problem.Message);
    }

    [Fact]
    public void Load_EmptyFile_IsRejected()
    {
        var problem = Assert.Single(Problems(""));

        Assert.Equal("watchlists", problem.Key);
    }

    [Fact]
    public void Load_EveryMistakeInTheNewKeys_IsReportedWithItsLineAndKey()
    {
        var problems = Problems("""
            defaults:
              boosts: { title: lots }
              seed_similarity: { min: 3 }
            watchlists:
              - name: chips
                threshold: 4
                alert: 2
                recipients: [not-an-address]
                terms:
                  - term: Nvidia
                    synonyms: ["Nvidia NEAR/0 ban"]
                    regex: ['(unclosed', 'a*']
                exclude:
                  - term: soybeans
                    weight: 2
                require:
                  - any: [Huawei]
                  - maybe: [Nvidia]
                  - all: []
              - name: words
                threshold: 1
                terms: ["of the", "芯", "de la NEAR/3 Nvidia", "3A090"]
                exclude:
                  - term: x
                    regex: ['\b(3A090)?']
            """);

        string[] expected =
        [
            "2 defaults.boosts.title: must be a number (got 'lots')",
            "3 defaults.seed_similarity.min: is a cosine similarity between 0 and 1 (got 3)",
            "7 watchlists[0].alert: must be at least the threshold (4)",
            "8 watchlists[0].recipients[0]: must be a bare e-mail address",
            "11 watchlists[0].terms[0].synonyms[0]: NEAR/0: the distance must be 1 to 100 words",
            "12 watchlists[0].terms[0].regex[0]: invalid regular expression '(unclosed'",
            "12 watchlists[0].terms[0].regex[1]: regular expression 'a*' can match zero characters",
            "15 watchlists[0].exclude[0].weight: unknown key (expected one of: term, synonyms, regex, penalty)",
            "17 watchlists[0].require[0].any[0]: 'Huawei' is not a term of this watchlist",
            "18 watchlists[0].require[1]: must be one group",
            "19 watchlists[0].require[2]: 'all' lists no term",
            "22 watchlists[1].terms[0]: 'of the' has only common words",
            "22 watchlists[1].terms[1]: '芯' is a single Chinese, Japanese or Korean character",
            "22 watchlists[1].terms[2]: 'de la' has only common words",
            "25 watchlists[1].exclude[0].regex[0]: regular expression '\\b(3A090)?' can match zero characters",
        ];
        var actual = problems.Select(p => $"{p.Line} {p.Key}: {p.Message}").ToList();
        foreach (var line in expected)
            Assert.True(actual.Any(a => a.StartsWith(line, StringComparison.Ordinal)), $"missing: {line}\nactual:\n{string.Join("\n", actual)}");
        Assert.Equal(expected.Length, actual.Count);
    }

    [Fact]
    public void Load_TheFullLanguage_Compiles()
    {
        _config.Write("watchlists.yaml", """
            defaults:
              boosts: { title: 2 }
              seed_similarity: { min: 0.25, bonus: 1.5 }
            watchlists:
              - name: chips
                threshold: 4
                alert: 8
                recipients: [analyst@example.org]
                boosts: { content: 0.5 }
                seed_bonus: 0
                terms:
                  - term: export controls
                    weight: 3
                    synonyms: ["\"Nvidia\" NEAR/10 ban", contrôles à l'exportation]
                    regex: '\b3A090\b'
                  - China
                exclude:
                  - soybeans
                  - term: gaming
                    penalty: 2
                require:
                  - all: [china]
            """);
        var w = Assert.Single(new WatchlistLoader().Load(_config.PathOf("watchlists.yaml")).Watchlists);

        Assert.Equal(new FieldBoosts(2, 1, 0.5), w.Boosts);
        Assert.Equal(0, w.SeedBonus);
        Assert.Equal(8, w.AlertThreshold);
        Assert.Equal(["analyst@example.org"], w.Recipients);
        var patterns = w.Terms[0].Patterns;
        Assert.IsType<PhrasePattern>(patterns[0]);
        Assert.Equal(10, Assert.IsType<NearPattern>(patterns[1]).Within);
        Assert.IsType<PhrasePattern>(patterns[2]);
        Assert.IsType<RegexPattern>(patterns[3]);
        Assert.Null(w.Excludes[0].Penalty);
        Assert.Equal(2, w.Excludes[1].Penalty);
        Assert.Equal(RequireMode.All, Assert.Single(w.Requires).Mode);
    }
}
