namespace Monitor.Digest;

/// <summary>A feed that failed its last poll, reported in the digest footer.</summary>
public sealed record FeedProblem(string FeedUrl, string Error, int ConsecutiveFailures, DateTimeOffset? LastSuccessAt);
