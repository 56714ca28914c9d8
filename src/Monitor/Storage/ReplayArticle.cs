namespace Monitor.Storage;

/// <summary>
/// A stored, non-duplicate article as <c>monitor backtest</c> replays it: its text, when it was found, and the scores
/// stored then (only the positive ones are stored; thresholds never are).
/// </summary>
public sealed record ReplayArticle(long Id, string Title, string Summary, string Content, DateTimeOffset FoundAt, IReadOnlyList<StoredScore> StoredScores);
