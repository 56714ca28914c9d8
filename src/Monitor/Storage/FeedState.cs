namespace Monitor.Storage;

/// <summary>What is remembered about a feed between polls: validators for conditional GET, and its health.</summary>
public sealed record FeedState(
    string Url,
    string? Title,
    string? ETag,
    string? LastModified,
    DateTimeOffset? FirstPolledAt,
    DateTimeOffset? LastPolledAt,
    DateTimeOffset? LastSuccessAt,
    string? LastError,
    int ConsecutiveFailures,
    DateTimeOffset? NextPollAt,
    string? LastRepairs,
    DateTimeOffset? FailingSince,
    TimeSpan? PollInterval,
    string? MovedTo,
    DateTimeOffset? LastItemAt,
    TimeSpan? UsualGap,
    TimeSpan? Ttl);
