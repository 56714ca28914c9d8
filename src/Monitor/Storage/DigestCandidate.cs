using Monitor.Scoring;

namespace Monitor.Storage;

/// <summary>
/// A stored, non-duplicate article with a positive score, not yet sent to (nor queued for) one recipient.
/// <see cref="Summary"/> is the feed's summary, or the start of the content when the feed gives no summary.
/// </summary>
public sealed record DigestCandidate(
    long ArticleId,
    string Title,
    string? Url,
    string FeedUrl,
    string? FeedTitle,
    string Summary,
    DateTimeOffset? Published,
    DateTimeOffset FoundAt,
    IReadOnlyList<StoredScore> Scores,
    string StoryKey = "");
