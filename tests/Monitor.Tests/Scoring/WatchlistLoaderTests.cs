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
        var problem = Assert.Single(Problems("watchlists:\n  - name: a\n    threshold: 1\n    terms: [x]\n  - name: A\n    threshold: 1\n    terms: [y]\n"));

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
}
