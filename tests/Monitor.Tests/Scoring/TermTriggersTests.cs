using Monitor.Scoring;
using Monitor.Tests.Support;

namespace Monitor.Tests.Scoring;

public sealed class TermTriggersTests : IDisposable
{
    private readonly TempConfig _config = new();

    public void Dispose() => _config.Dispose();

    [Fact]
    public void Mark_SelectsTheTermsAndExcludesThePhrasesFoundMayMatch_AndTermsWithARegexAlways()
    {
        _config.Write("watchlists.yaml", """
            watchlists:
              - name: chips
                threshold: 4
                terms:
                  - term: export controls
                    synonyms: ["Nvidia NEAR/5 ban"]
                  - term: EUV
                  - term: ECCN
                    regex: ['\b3A090\b']
                exclude:
                  - term: soybeans
              - name: cloud
                threshold: 4
                terms:
                  - term: Nvidia
            """);
        var set = new WatchlistLoader().Load(_config.PathOf("watchlists.yaml"));
        var triggers = new TermTriggers(set);
        var candidates = new bool[triggers.Slots];
        int Phrase(string text) => Enumerable.Range(0, set.Phrases.Count).Single(p => set.Phrases.Text(p) == text);

        triggers.Mark([Phrase("Nvidia")], candidates);

        Assert.Equal(5, triggers.Slots);
        Assert.True(candidates[triggers.Term(0, 0)]);     // the left side of "Nvidia NEAR/5 ban"
        Assert.False(candidates[triggers.Term(0, 1)]);    // EUV
        Assert.True(candidates[triggers.Term(0, 2)]);     // a regex is always tried
        Assert.False(candidates[triggers.Exclude(0, 0)]); // soybeans
        Assert.True(candidates[triggers.Term(1, 0)]);

        triggers.Mark([Phrase("soybeans")], candidates);

        Assert.Equal([false, false, true, true, false], candidates);
    }
}
