namespace Monitor.Scoring;

/// <summary>A watchlist term found in an article: which term, the phrasing that matched, where, and its weight.</summary>
public sealed record TermMatch(string Term, string MatchedPhrase, string Field, double Weight);
