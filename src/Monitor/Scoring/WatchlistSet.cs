namespace Monitor.Scoring;

/// <summary>The watchlists in force, as loaded and validated from watchlists.yaml.</summary>
public sealed record WatchlistSet(IReadOnlyList<Watchlist> Watchlists)
{
    public Watchlist? Find(string name) => Watchlists.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase));
}
