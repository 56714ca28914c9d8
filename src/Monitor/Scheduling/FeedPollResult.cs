namespace Monitor.Scheduling;

/// <summary>What one poll of one feed gave, for logs, the CLI table and the digest footer.</summary>
public sealed record FeedPollResult(string FeedUrl, string? Title, bool Succeeded, bool NotModified, string? Error,
    int ItemsInFeed, int Known, int TooOld, IReadOnlyList<ArticleOutcome> Articles, IReadOnlyList<string> Repairs);
