namespace Monitor.Scheduling;

/// <summary>What one poll of one feed gave, for logs, the CLI table, the digest footer and the metrics.</summary>
public sealed record FeedPollResult(string FeedUrl, string? Title, bool Succeeded, bool NotModified, string? Error,
    int ItemsInFeed, int Known, int TooOld, IReadOnlyList<ArticleOutcome> Articles, IReadOnlyList<string> Repairs)
{
    /// <summary>For a failed poll, its kind (one of <see cref="FeedFailureReasons"/>); null when it succeeded.</summary>
    public string? FailureReason { get; init; }
}
