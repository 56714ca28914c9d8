namespace Monitor.Digest;

/// <summary>A feed that has been failing for a while, reported in the digest footer: since when, and its last error.</summary>
public sealed record FeedProblem(string FeedUrl, string Error, int ConsecutiveFailures, DateTimeOffset? LastSuccessAt, DateTimeOffset FailingSince);
