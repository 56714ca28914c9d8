namespace Monitor.Scoring;

/// <summary>
/// For each term and exclude of a watchlist set, the phrases of which an article must hold at least one for it to
/// match (its phrases, and the left side of each NEAR pair), and whether it has a pattern of another kind, a regular
/// expression, to try on every article. An article holds a handful of the set's hundreds of phrases, so the matcher skips most terms without
/// going through their patterns. Built once per set: the set is not changed after loading.
/// </summary>
internal sealed class TermTriggers
{
    private readonly Trigger[][] _terms;
    private readonly Trigger[][] _excludes;

    public TermTriggers(WatchlistSet set)
    {
        _terms = [.. set.Watchlists.Select(w => w.Terms.Select(Of).ToArray())];
        _excludes = [.. set.Watchlists.Select(w => w.Excludes.Select(Of).ToArray())];
        WantSeedBonus = set.Watchlists.Any(w => w.SeedBonus > 0);
    }

    /// <summary>Whether a watchlist of the set adds a seed bonus (else the seed similarity need not be computed).</summary>
    public bool WantSeedBonus { get; }

    public Trigger Term(int watchlist, int term) => _terms[watchlist][term];

    public Trigger Exclude(int watchlist, int exclude) => _excludes[watchlist][exclude];

    private static Trigger Of(WatchlistTerm term) =>
        new([.. term.Patterns.Select(p => p switch
            {
                PhrasePattern phrase => phrase.Phrase,
                NearPattern near => near.Left,
                _ => -1,
            }).Where(p => p >= 0).Distinct()],
            term.Patterns.Any(p => p is not (PhrasePattern or NearPattern)));

    /// <param name="Phrases">Phrases of the term: it cannot match without one of them, unless <paramref name="Always"/>.</param>
    /// <param name="Always">The term has a pattern that is not made of phrases (a regular expression).</param>
    public readonly record struct Trigger(int[] Phrases, bool Always);
}
