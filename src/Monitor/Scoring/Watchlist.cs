namespace Monitor.Scoring;

/// <summary>A named watchlist: its terms and the score an article needs to enter the digest.</summary>
public sealed record Watchlist(string Name, string Title, double Threshold, double? AlertThreshold, IReadOnlyList<WatchlistTerm> Terms);
