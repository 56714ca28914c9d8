namespace Monitor.Scheduling;

/// <summary>What became of one new article: kept (relevant or not, with its best score) or dropped as a duplicate, and why.</summary>
public sealed record ArticleOutcome(string FeedUrl, string Title, string? Url, string Outcome, double Score, string Reason);
