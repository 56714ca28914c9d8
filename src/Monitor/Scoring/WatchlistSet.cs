namespace Monitor.Scoring;

/// <summary>
/// The watchlists in force, as loaded and validated from watchlists.yaml, with their phrases compiled for matching
/// and the seed-similarity setting shared by all of them (<see cref="SeedSimilarityMin"/>: the similarity from which a
/// watchlist's <c>seed_bonus</c> is added).
/// </summary>
public sealed record WatchlistSet(IReadOnlyList<Watchlist> Watchlists, PhraseTable Phrases, double SeedSimilarityMin = WatchlistSet.DefaultSeedSimilarityMin)
{
    public const double DefaultSeedSimilarityMin = 0.2;

    public WatchlistSet(IReadOnlyList<Watchlist> watchlists)
        : this(watchlists, new PhraseTable())
    {
    }

    public Watchlist? Find(string name) => Watchlists.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase));
}
