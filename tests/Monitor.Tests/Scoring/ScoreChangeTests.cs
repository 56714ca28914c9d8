using Monitor.Scoring;

namespace Monitor.Tests.Scoring;

public sealed class ScoreChangeTests
{
    private static readonly TermMatch Chips = new("chips", "chips", Fields.Content, 1) { Form = "chips" };
    private static readonly TermMatch Huawei = new("Huawei", "Huawei", Fields.Title, 3) { Form = "Huawei", Boost = 1.5, Contribution = 4.5 };

    private static WatchlistScore Score(double score, double threshold, params TermMatch[] matches) => new("chips", score, threshold, matches);

    [Fact]
    public void A_term_found_only_after_makes_the_article_enter_and_is_named_with_its_words_field_and_contribution()
    {
        var change = new ScoreChange("chips", Score(1, 4, Chips), Score(5.5, 4, Chips, Huawei));

        Assert.Equal(DigestMove.Enter, change.Move);
        Assert.Equal(["+Huawei as \"Huawei\" in title (+4.5)"], change.Differences());
    }

    [Fact]
    public void A_vetoing_exclude_makes_the_article_leave()
    {
        var vetoed = Score(0, 4, Chips, Huawei) with
        {
            RawScore = 5.5,
            Excluded = [new TermMatch("soybeans", "soybeans", Fields.Summary, 0) { Form = "Soybeans", Contribution = 0 }],
        };

        var change = new ScoreChange("chips", Score(5.5, 4, Chips, Huawei), vetoed);

        Assert.Equal(DigestMove.Leave, change.Move);
        Assert.Equal(["exclude soybeans as \"Soybeans\" in summary: veto"], change.Differences());
    }

    [Fact]
    public void Lost_terms_changed_weights_unmet_requirements_thresholds_and_seed_bonus_are_all_named()
    {
        var before = Score(9.5, 4, Chips, Huawei) with { SeedBonus = 2 };
        var after = Score(0, 6, Huawei with { Contribution = 6, Weight = 4 }) with { UnmetRequirement = "any of [China]", RawScore = 6 };

        var change = new ScoreChange("chips", before, after);

        Assert.Equal(DigestMove.Leave, change.Move);
        Assert.Equal(
            [
                "threshold 4 → 6",
                "Huawei as \"Huawei\" in title: +4.5 → +6",
                "-chips no longer found (was +1)",
                "require any of [China] unmet: score 0",
                "seed bonus +2 → +0",
            ],
            change.Differences());
    }

    [Fact]
    public void A_watchlist_on_one_side_only_is_new_or_removed()
    {
        var added = new ScoreChange("chips", null, Score(4.5, 4, Huawei));
        var removed = new ScoreChange("chips", Score(4.5, 4, Huawei), null);
        var unchanged = new ScoreChange("chips", Score(4.5, 4, Huawei), Score(4.5, 4, Huawei));

        Assert.Equal(DigestMove.Enter, added.Move);
        Assert.Equal(["new watchlist", "+Huawei as \"Huawei\" in title (+4.5)"], added.Differences());
        Assert.Equal(DigestMove.Leave, removed.Move);
        Assert.Equal(["watchlist removed"], removed.Differences());
        Assert.Equal(DigestMove.Stay, unchanged.Move);
        Assert.Empty(unchanged.Differences());
        Assert.Equal(DigestMove.Out, new ScoreChange("chips", Score(1, 4, Chips), Score(1, 4, Chips)).Move);
    }
}
