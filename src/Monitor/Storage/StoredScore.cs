using Monitor.Scoring;

namespace Monitor.Storage;

/// <summary>A score as stored: the threshold is not kept, so a watchlist edit applies to articles already found.</summary>
public sealed record StoredScore(string Watchlist, double Score, IReadOnlyList<TermMatch> Matches);
