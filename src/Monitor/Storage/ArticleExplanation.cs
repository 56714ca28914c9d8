namespace Monitor.Storage;

/// <summary>Everything stored about one article's decisions, for <c>monitor explain</c>.</summary>
public sealed record ArticleExplanation(
    long Id,
    string Key,
    string Title,
    string? Url,
    string FeedUrl,
    DateTimeOffset FoundAt,
    DateTimeOffset? Published,
    string Status,
    string DedupReason,
    string? DedupEvidence,
    string StoryKey,
    IReadOnlyList<StoredScore> Scores,
    IReadOnlyList<(long Id, string Title, string FeedUrl, string Status)> StoryMembers,
    IReadOnlyList<(string Recipient, DateTimeOffset SentAt)> SentTo)
{
    /// <summary>The language and seed similarity the article was scored with; null for articles stored before it was kept.</summary>
    public ScoringContext? Scoring { get; init; }
}
