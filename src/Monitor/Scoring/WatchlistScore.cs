namespace Monitor.Scoring;

/// <summary>An article's score for one watchlist, with the terms that made it (so the digest can say why).</summary>
public sealed record WatchlistScore(string Watchlist, double Score, double Threshold, IReadOnlyList<TermMatch> Matches)
{
    public bool IsRelevant => Score >= Threshold && Score > 0;
}
